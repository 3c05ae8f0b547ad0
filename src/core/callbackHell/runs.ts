/**
 * Which levels of a pyramid a rewrite takes. Real pyramids often have one level a chain can't express
 * (a call whose result is used, a call inside an `if`, a listener): the levels above or below it can
 * still become a chain, and the ones left stay as they were written, inside the first step or around
 * the chain. Each rewritten level takes one level of nesting away, so a run may leave some as they are
 * and still bring the pyramid under the limit.
 */
export interface LevelRun {
  /** 0-based index of the first level rewritten: that many callbacks stay around the chain. */
  from: number;
  /** 0-based index of the last level rewritten: the levels below stay inside its step. */
  to: number;
}

/**
 * The runs to try for a pyramid `depth` levels deep, best first: the whole pyramid, then longer runs
 * before shorter ones, outer before inner. Only runs that can bring it under `maxDepth`: the callbacks
 * left around the chain plus the promise's own callback, and those plus the levels left inside the
 * last step, stay under it. A run is at least two levels: one level alone is no chain.
 */
export function levelRuns(depth: number, maxDepth: number): LevelRun[] {
  const runs: LevelRun[] = [];
  for (let from = 0; from < depth; from++) {
    for (let to = from + 1; to < depth; to++) {
      const inside = depth - 1 - to;
      if (from + Math.max(1, inside) >= maxDepth) continue;
      runs.push({ from, to });
    }
  }
  return runs.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
}
