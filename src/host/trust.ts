import * as vscode from 'vscode';

export const MANAGE_TRUST = 'Manage Workspace Trust';

/**
 * Tracing runs the user's program, so it needs a trusted workspace. Returns false after telling the
 * user why, with a button that opens VS Code's trust editor.
 */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    `Promise Lens: ${action} runs your program, and this workspace is not trusted. Nothing was run.`,
    MANAGE_TRUST,
  );
  if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
