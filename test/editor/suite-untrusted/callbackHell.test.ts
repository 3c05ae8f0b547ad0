// The callback-hell diagnostic and its quick fix only read code, so they work in Restricted Mode too.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, openFile, waitFor } from '../helpers';

describe('callback hell in an untrusted workspace', function () {
  this.timeout(400_000);

  it('flags the pyramid and offers the preferred fix', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    await activateExtension();
    const { document } = await openFile('callback-pyramid.js');
    const ours = (): vscode.Diagnostic[] =>
      vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Promise Lens');
    const [diagnostic] = await waitFor(
      'the callback-hell diagnostic',
      () => (ours().length > 0 ? ours() : undefined),
      90_000,
    );
    assert.strictEqual(diagnostic.code, 'callback-hell');
    const actions = await waitFor(
      'the quick fixes',
      async () => {
        try {
          return await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            document.uri,
            diagnostic.range,
            vscode.CodeActionKind.QuickFix.value,
          );
        } catch (error) {
          if (error instanceof Error && /Canceled/.test(error.message)) return undefined;
          throw error;
        }
      },
      90_000,
    );
    const then = actions.find((a) => a.title === 'Rewrite as .then chain');
    assert.ok(then?.edit && then.isPreferred, actions.map((a) => a.title).join(' | '));
  });
});
