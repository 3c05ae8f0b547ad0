import * as vscode from 'vscode';
import { planFix, type Style } from '../../core/callbackHell';
import type { CallbackHellDiagnostics } from './diagnostics';

const TITLES: Record<Style, string> = { then: 'Rewrite as .then chain', async: 'Rewrite with async/await' };

/** The quick fixes for our diagnostics; a fix that would change behaviour is shown disabled, with its reason. */
export class CallbackHellActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: CallbackHellDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'Promise Lens' || (diagnostic.code !== 'callback-hell' && diagnostic.code !== 'nested-then')) continue;
      const finding = this.diagnostics.findingFor(document, diagnostic);
      const analysis = this.diagnostics.analysisFor(document);
      if (!finding || !analysis) continue;
      const styles: Style[] = finding.rule === 'callback-hell' ? ['then', 'async'] : ['then'];
      for (const style of styles) {
        const action = new vscode.CodeAction(TITLES[style], vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        const plan = planFix(analysis, finding, style);
        if ('reason' in plan) {
          action.disabled = { reason: plan.reason };
        } else {
          action.edit = new vscode.WorkspaceEdit();
          for (const e of plan.edits) {
            action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
          }
          action.isPreferred = style === 'then';
        }
        actions.push(action);
      }
    }
    return actions;
  }
}
