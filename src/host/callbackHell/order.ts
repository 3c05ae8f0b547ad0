/**
 * The order of the light-bulb menu: VS Code focuses its first row, so a fix that applies comes first
 * (the preferred one first), and what is not offered comes after every fix that is, in the order of
 * the styles. No vscode here, so the order is tested in plain mocha.
 */
export interface Row {
  /** True for a row that edits the file. */
  applies: boolean;
  preferred: boolean;
}

export function menuOrder<T extends Row>(rows: readonly T[]): T[] {
  const rank = (r: Row): number => (r.applies ? (r.preferred ? 0 : 1) : 2);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map((x) => x.row);
}

/**
 * A fix's title. A rewrite of only some levels (the rest stay as written) says which, so the menu never
 * promises the whole pyramid.
 */
export function fixTitle(base: string, levels: { from: number; to: number } | undefined, depth: number): string {
  return levels ? `${base}: levels ${levels.from} to ${levels.to} of ${depth}, the others as they are` : base;
}
