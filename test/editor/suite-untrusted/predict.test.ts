// "Predict the Order" runs the program, so in Restricted Mode it runs nothing, as "Trace promises".
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PredictCommandResult } from '../../../src/host/predict/predict';
import { activateExtension, captureMessages, workspaceFile } from '../helpers';

describe('Predict the Order in an untrusted workspace', () => {
  let messages: ReturnType<typeof captureMessages> | undefined;
  afterEach(() => messages?.restore());

  it('runs nothing, opens no panel and says why, offering to manage trust', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    await activateExtension();
    messages = captureMessages();
    const result = await vscode.commands.executeCommand<PredictCommandResult | undefined>(
      'promiseLens.predictOrder',
      workspaceFile('microtasks-before-timers.js'),
    );
    assert.deepStrictEqual(result, { ran: false, reason: 'untrusted' });
    const warning = messages.shown.find((shown) => shown.kind === 'showWarningMessage');
    assert.match(warning?.message ?? '', /Predict the Order runs your program, and this workspace is not trusted/);
    assert.deepStrictEqual(warning?.items, ['Manage Workspace Trust']);
    const panels = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('promiseLens.predict'),
      );
    assert.strictEqual(panels.length, 0);
  });
});
