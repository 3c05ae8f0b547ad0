import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, captureMessages, trace, waitFor } from '../helpers';

describe('in an untrusted workspace', () => {
  let messages: ReturnType<typeof captureMessages> | undefined;
  afterEach(() => messages?.restore());

  it('opens in Restricted Mode, with Promise Lens active', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });

  it('"Trace promises" runs nothing and says why, offering to manage trust', async () => {
    messages = captureMessages();
    const result = await trace('cart-order-payment.js');
    assert.deepStrictEqual(result, { ran: false, reason: 'untrusted' });
    const warning = messages.shown.find((shown) => shown.kind === 'showWarningMessage');
    assert.ok(warning, `a warning was shown: ${JSON.stringify(messages.shown)}`);
    assert.match(warning.message, /not trusted/);
    assert.deepStrictEqual(warning.items, ['Manage Workspace Trust']);
  });

  it('"Manage Workspace Trust" opens the trust editor', async () => {
    messages = captureMessages((shown) => shown.items[0]);
    const executed: string[] = [];
    const commands = vscode.commands as { executeCommand: (command: string, ...rest: unknown[]) => Thenable<unknown> };
    const executeCommand = commands.executeCommand;
    commands.executeCommand = (command: string, ...rest: unknown[]) => {
      executed.push(command);
      return executeCommand.call(vscode.commands, command, ...rest);
    };
    try {
      const result = await trace('cart-order-payment.js');
      assert.deepStrictEqual(result, { ran: false, reason: 'untrusted' });
      await waitFor('the trust editor to be opened', () => executed.includes('workbench.trust.manage'));
    } finally {
      commands.executeCommand = executeCommand;
    }
  });
});
