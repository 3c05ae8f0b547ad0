import { analyze, type Analysis, type Finding } from './analyze';
import { flattenNestedThen } from './flatten';
import { rewritePyramid, type Style } from './rewrite';
import { levelRuns, type LevelRun } from './runs';
import { applyEdits, type Edit } from './text';

export type { Style };

/**
 * The edits that fix one finding, or the reason it can't be fixed without changing what the program
 * does. `declares` lists the names a rewrite adds to the block around the site (a `let` above a chain),
 * so that two rewrites applied together never declare one name twice; `addsImport` says it adds a
 * `util` import.
 */
export type FixPlan =
  | {
      edits: Edit[];
      declares?: { block: string; names: string[] };
      addsImport?: boolean;
      /** The levels rewritten (1-based), when not the whole pyramid: the others stay as written. */
      levels?: { from: number; to: number };
    }
  | { reason: string };

/**
 * The edits that fix one finding in the given style, or the reason it can't be fixed without changing
 * what the program does. Every plan is checked: each new text parses on its own and holds no finding of
 * its rule. The check reads only the new text, so planning every finding of a file stays linear.
 */
export function planFix(
  analysis: Analysis,
  finding: Finding,
  style: Style,
  /** Names other plans applied with this one declare in the block around it (`fixAll`): taken there. */
  reserved?: ReadonlySet<string>,
): FixPlan {
  const parsed = analysis.parsed;
  if (parsed.errors.length > 0) {
    const line = parsed.sourceFile.getLineAndCharacterOfPosition(parsed.errors[0][0]).line + 1;
    return { reason: `the file does not parse (line ${line}); a rewrite of code that does not parse would be a guess` };
  }
  if (finding.rule === 'nested-then') {
    if (style === 'async')
      return {
        reason:
          'nested .then chains are flattened as a chain; VS Code\'s own "Convert to async function" turns chains into await',
      };
    const plan = flattenNestedThen(analysis, finding, reserved);
    return 'reason' in plan ? plan : checked(analysis, finding, plan, { from: 0, to: finding.depth - 1 });
  }
  // The whole pyramid first; when it declines, the longest run of its levels that can be rewritten and
  // still brings it under the limit. The reason shown is the whole pyramid's: it names what stops it.
  let first: { reason: string } | undefined;
  for (const run of levelRuns(finding.depth, analysis.maxDepth)) {
    const whole = run.from === 0 && run.to === finding.depth - 1;
    const part = whole ? finding : { ...finding, path: finding.path.slice(run.from, run.to + 1) };
    const rewrite = rewritePyramid(analysis, part, style, reserved);
    const plan = 'reason' in rewrite ? rewrite : checked(analysis, finding, rewrite, run);
    if (!('reason' in plan)) return whole ? plan : { ...plan, levels: { from: run.from + 1, to: run.to + 1 } };
    first ??= plan;
    // A rewrite that does not parse is a bug to report, never hidden behind a smaller run.
    if (plan.reason.includes('would not parse')) return plan;
  }
  return first ?? { reason: 'the rewrite would still be nested too deep' };
}

/**
 * Every plan is checked on its own new text: it parses, and holds no finding of its rule. The callbacks
 * left around a run count too: the new text is held to the limit less those.
 */
function checked(analysis: Analysis, finding: Finding, plan: FixPlan, run: LevelRun): FixPlan {
  if ('reason' in plan) return plan;
  for (const edit of plan.edits) {
    if (edit.text.trim() === '') continue;
    // A flattened chain (the first edit) is checked as an arrow's body: it is an expression, or the block
    // an arrow's body becomes; statements (the `let` above a chain) as they are.
    const snippet = finding.rule === 'nested-then' && edit === plan.edits[0] ? `(() => ${edit.text}\n)` : edit.text;
    const after = analyze(snippet, analysis.kind, Math.max(2, analysis.maxDepth - run.from));
    if (after.parsed.errors.length > 0) {
      return { reason: 'the rewrite would not parse; this is a bug in Promise Lens, please report it with this code' };
    }
    if (finding.rule === 'callback-hell' && after.findings.some((f) => f.rule === 'callback-hell'))
      return { reason: 'the rewrite would still be nested too deep' };
  }
  return plan;
}

export interface FixAllResult {
  text: string;
  fixed: number;
  declined: Array<{ finding: Finding; line: number; reason: string }>;
}

/**
 * Fixes every site it safely can. Each round plans every finding of one analysis and applies together
 * the plans that do not touch each other; a site inside another rewritten site or a second `util` import
 * waits for the next round, on the new text. A plan that declares a name another plan of the round
 * declares in the same block is planned again with those names taken (`let a2, b2;`): one round per
 * site of a block made `fix` quadratic in files of many pyramids side by side. A round is linear in the
 * file, and a few rounds fix a file: nested sites are rare.
 */
export function fixAll(text: string, kind: 'JS' | 'JSX' | 'TS' | 'TSX', style: Style, maxDepth?: number): FixAllResult {
  let current = text;
  let fixed = 0;
  for (let round = 0; round < 100; round++) {
    const analysis = analyze(current, kind, maxDepth);
    const declined: FixAllResult['declined'] = [];
    const chosen: Edit[] = [];
    const ranges: Array<[number, number]> = [];
    const declared = new Map<string, Set<string>>();
    let importAdded = false;
    for (const finding of analysis.findings) {
      const findingStyle = finding.rule === 'nested-then' ? 'then' : style;
      let plan = planFix(analysis, finding, findingStyle);
      if ('reason' in plan) {
        const line = analysis.parsed.sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1;
        declined.push({ finding, line, reason: plan.reason });
        continue;
      }
      const main = plan.edits[0];
      const overlaps = ranges.some(([s, e]) => main.start < e && main.end > s);
      const names = plan.declares ? declared.get(plan.declares.block) : undefined;
      let clash = !!plan.declares && !!names && plan.declares.names.some((n) => names.has(n));
      if (clash && !overlaps) {
        const again = planFix(analysis, finding, findingStyle, names);
        // Planned again, it may still decline (or declare another block's names): it then waits as before.
        if (!('reason' in again) && again.declares?.block === plan.declares!.block) {
          plan = again;
          clash = again.declares.names.some((n) => names!.has(n));
        }
      }
      if (overlaps || clash || (plan.addsImport && importAdded)) {
        continue;
      }
      ranges.push([plan.edits[0].start, plan.edits[0].end]);
      chosen.push(...plan.edits);
      if (plan.addsImport) importAdded = true;
      if (plan.declares) {
        const set = declared.get(plan.declares.block) ?? new Set<string>();
        plan.declares.names.forEach((n) => set.add(n));
        declared.set(plan.declares.block, set);
      }
      fixed++;
    }
    if (chosen.length === 0) return { text: current, fixed, declined };
    current = applyEdits(current, chosen);
    // The next round re-reads the new text: it fixes what waited, and gives the declined sites' lines there.
  }
  // Sites still there after the last round are reported, never left as they were without a word.
  const left = analyze(current, kind, maxDepth);
  const declined = left.findings.map((finding) => ({
    finding,
    line: left.parsed.sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1,
    reason: 'the fix stopped after 100 rounds of rewrites; run it again on its output',
  }));
  return { text: current, fixed, declined };
}
