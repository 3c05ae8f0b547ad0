import { analyze, type Analysis, type Finding } from './analyze';
import { flattenNestedThen } from './flatten';
import { rewritePyramid, type Style } from './rewrite';
import { applyEdits, type Edit } from './text';

export type { Style };

export type FixPlan = { edits: Edit[] } | { reason: string };

/**
 * The edits that fix one finding in the given style, or the reason it can't be fixed without changing
 * what the program does. Every plan is checked: the result parses and the site is no longer reported.
 */
export function planFix(analysis: Analysis, finding: Finding, style: Style): FixPlan {
  const parsed = analysis.parsed;
  if (parsed.errors.length > 0 && parsed.errors.some(([s]) => s >= finding.path[0].getFullStart() && s <= finding.path[0].parent.getEnd())) {
    return { reason: 'the code around it has syntax errors' };
  }
  let plan: FixPlan;
  if (finding.rule === 'nested-then') {
    if (style === 'async') return { reason: 'nested .then chains are flattened as a chain; VS Code\'s own "Convert to async function" turns chains into await' };
    plan = flattenNestedThen(analysis, finding);
  } else {
    plan = rewritePyramid(analysis, finding, style);
  }
  if ('reason' in plan) return plan;
  const text = applyEdits(parsed.text, plan.edits);
  const after = analyze(text, analysis.kind, analysis.maxDepth);
  if (after.parsed.errors.length > parsed.errors.length) {
    return { reason: 'the rewrite would not parse; this is a bug in Promise Lens, please report it with this code' };
  }
  const first = Math.min(...plan.edits.map((e) => e.start));
  const last = Math.max(...plan.edits.map((e) => e.end)) + text.length - parsed.text.length;
  const still = after.findings.find((f) => f.rule === finding.rule && f.start >= first && f.start < last);
  if (finding.rule === 'callback-hell' && still) return { reason: 'the rewrite would still be nested too deep' };
  return plan;
}

export interface FixAllResult {
  text: string;
  fixed: number;
  declined: Array<{ finding: Finding; line: number; reason: string }>;
}

/** Fixes every site it safely can, one at a time (each fix moves the text), until none is left. */
export function fixAll(text: string, kind: 'JS' | 'JSX' | 'TS' | 'TSX', style: Style, maxDepth?: number): FixAllResult {
  let current = text;
  let fixed = 0;
  for (let round = 0; round < 100; round++) {
    const analysis = analyze(current, kind, maxDepth);
    const declined: FixAllResult['declined'] = [];
    let applied = false;
    for (const finding of analysis.findings) {
      const plan = planFix(analysis, finding, finding.rule === 'nested-then' ? 'then' : style);
      if ('reason' in plan) {
        const line = analysis.parsed.sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1;
        declined.push({ finding, line, reason: plan.reason });
        continue;
      }
      current = applyEdits(current, plan.edits);
      fixed++;
      applied = true;
      break;
    }
    if (!applied) return { text: current, fixed, declined };
  }
  return { text: current, fixed, declined: [] };
}
