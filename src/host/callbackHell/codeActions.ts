import * as vscode from 'vscode';
import { planFix, type Analysis, type FixPlan, type Style } from '../../core/callbackHell';
import type { CallbackHellDiagnostics } from './diagnostics';
import { fixTitle, menuOrder } from './order';

const TITLES: Record<Style, string> = { then: 'Rewrite as .then chain', async: 'Rewrite with async/await' };

/**
 * The quick fixes for our diagnostics. A fix that would change behaviour is returned disabled with its
 * reason (VS Code shows that where it lists disabled actions, and when the fix is asked for by
 * keybinding); since the light-bulb menu hides disabled quick fixes, the reason is also listed there as
 * an entry that edits nothing, so the user sees why instead of no fix at all.
 */
export class CallbackHellActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  /** Plans per analysis (one per document version): a closed untitled file's URI and version come back for the next one. */
  private readonly plans = new WeakMap<Analysis, Map<string, FixPlan>>();

  constructor(private readonly diagnostics: CallbackHellDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const rows: Array<{ action: vscode.CodeAction; applies: boolean; preferred: boolean }> = [];
    for (const diagnostic of context.diagnostics) {
      if (
        diagnostic.source !== 'Promise Lens' ||
        (diagnostic.code !== 'callback-hell' && diagnostic.code !== 'nested-then')
      )
        continue;
      const finding = this.diagnostics.findingFor(document, diagnostic);
      const analysis = this.diagnostics.analysisFor(document);
      if (!finding || !analysis) continue;
      const styles: Style[] = finding.rule === 'callback-hell' ? ['then', 'async'] : ['then'];
      for (const style of styles) {
        // Planned here, when the editor asks for the fixes at this place, never for the whole file.
        const plan = this.plan(analysis, finding.start, style, () => planFix(analysis, finding, style));
        const title = fixTitle(TITLES[style], 'reason' in plan ? undefined : plan.levels, finding.depth);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if ('reason' in plan) {
          // Shown with its reason where VS Code lists disabled actions (its hover there reads the reason in full).
          action.disabled = { reason: `${TITLES[style]}: not offered, ${plan.reason}` };
          const why = new vscode.CodeAction(
            `${TITLES[style]}: not offered, ${plan.reason}`,
            vscode.CodeActionKind.QuickFix,
          );
          why.diagnostics = [diagnostic];
          rows.push({ action: why, applies: false, preferred: false }, { action, applies: false, preferred: false });
          continue;
        }
        action.edit = new vscode.WorkspaceEdit();
        for (const e of plan.edits) {
          action.edit.replace(
            document.uri,
            new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)),
            e.text,
          );
        }
        action.isPreferred = style === 'then';
        rows.push({ action, applies: true, preferred: action.isPreferred });
      }
    }
    // The menu focuses its first row: never one that does nothing while a fix is offered.
    return menuOrder(rows).map((r) => r.action);
  }

  /** Plans are kept per analysis of a document version: the light bulb asks again on every cursor move. */
  private plan(analysis: Analysis, start: number, style: Style, make: () => FixPlan): FixPlan {
    let plans = this.plans.get(analysis);
    if (!plans) this.plans.set(analysis, (plans = new Map()));
    const key = `${start}:${style}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = make();
      plans.set(key, plan);
    }
    return plan;
  }
}
