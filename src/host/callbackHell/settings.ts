import * as vscode from 'vscode';

export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

export interface CallbackHellSettings {
  enabled: boolean;
  maxDepth: number;
  severity: vscode.DiagnosticSeverity;
}

const SEVERITIES: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** `promiseLens.callbackHell.*` for one document (the settings are resource-scoped). */
export function readSettings(document: vscode.TextDocument): CallbackHellSettings {
  const config = vscode.workspace.getConfiguration('promiseLens.callbackHell', document);
  const maxDepth = config.get<number>('maxDepth', 3);
  return {
    enabled: config.get<boolean>('enabled', true),
    maxDepth: Number.isInteger(maxDepth) && maxDepth >= 2 ? maxDepth : 3,
    severity: SEVERITIES[config.get<string>('severity', 'warning')] ?? vscode.DiagnosticSeverity.Warning,
  };
}
