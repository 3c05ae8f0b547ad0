import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, trace, workspaceFile } from '../helpers';

describe('foundation', () => {
  it('runs in a trusted workspace made of the examples', () => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });

  it('activates', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers "Trace promises"', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('promiseLens.trace'), 'promiseLens.trace is registered');
  });

  it('offers the command for the languages VS Code assigns to .js and .ts files, not to Markdown', async () => {
    // The real menu is checked in the UI tier (test/ui/context-menu.ui.mjs); this checks that the
    // manifest's `when` clause matches the language ids VS Code gives these files.
    const extension = await activateExtension();
    const menus = (
      extension.packageJSON as { contributes: { menus: Record<string, { command: string; when: string }[]> } }
    ).contributes.menus;
    const entry = menus['editor/context'].find((item) => item.command === 'promiseLens.trace');
    assert.ok(entry, 'an editor/context entry exists');
    const pattern = /editorLangId =~ \/(.*)\/$/.exec(entry.when);
    assert.ok(pattern, `the when clause tests editorLangId: ${entry.when}`);
    const offered = new RegExp(pattern[1]);
    const languageOf = async (file: string) =>
      (await vscode.workspace.openTextDocument(workspaceFile(file))).languageId;
    assert.ok(offered.test(await languageOf('cart-order-payment.js')), 'offered for .js');
    assert.ok(offered.test(await languageOf('async-await.ts')), 'offered for .ts');
    assert.ok(!offered.test(await languageOf('notes.md')), 'not offered for Markdown');
  });

  it('traces an example in the trusted workspace', async () => {
    const result = await trace('microtasks-before-timers.js');
    assert.strictEqual(result?.ran, true, `the command ran: ${JSON.stringify(result)}`);
  });
});
