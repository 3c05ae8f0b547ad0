import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { requireTrust } from '../trust';

/** What the command returns, so tests and other commands can tell what happened. */
export interface TraceCommandResult {
  ran: boolean;
  reason?: 'untrusted' | 'no-editor' | 'unsupported';
  exitCode?: number | null;
}

export const TRACEABLE_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** "Trace promises": runs the active (or given) file in a separate Node process. */
export async function traceCommand(output: vscode.OutputChannel, uri?: vscode.Uri): Promise<TraceCommandResult> {
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Promise Lens: open a JavaScript or TypeScript file to trace.');
    return { ran: false, reason: 'no-editor' };
  }
  if (!TRACEABLE_LANGUAGES.includes(document.languageId)) return { ran: false, reason: 'unsupported' };
  if (!(await requireTrust('Tracing'))) return { ran: false, reason: 'untrusted' };

  const exitCode = await new Promise<number | null>((resolve) => {
    execFile('node', [document.uri.fsPath], { timeout: 10_000 }, (error, stdout, stderr) => {
      output.append(stdout);
      output.append(stderr);
      resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0);
    });
  });
  output.show(true);
  void vscode.window.showInformationMessage(`Promise Lens: ran ${vscode.workspace.asRelativePath(document.uri)} (exit ${exitCode}).`);
  return { ran: true, exitCode };
}
