import * as vscode from 'vscode';

export const MANAGE_TRUST = 'Manage Workspace Trust';

/**
 * Tracing runs the user's program, so it needs a trusted workspace. When it is not, tells the user why,
 * with a button that opens VS Code's trust editor, and returns false at once: the command is over
 * whether or not the user ever answers the notification.
 */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `Promise Lens: ${action} runs your program, and this workspace is not trusted. Nothing was run.`,
      MANAGE_TRUST,
    )
    .then((choice) => (choice === MANAGE_TRUST ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}
