import { typescript, type TS } from '../syntax/typescript';

/** A replacement of [start, end) in the original text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Ranges of multi-line string and template literals, whose inner lines must never be re-indented: the
 * ones inside `root`, and the ones around it (a pyramid in a `${...}` of a template). Only those can
 * hold a line of `root`, so a rewrite reads its own statement, never the whole file.
 */
export function templateRanges(sf: TS.SourceFile, root: TS.Node = sf): Array<[number, number]> {
  const ts = typescript();
  const ranges: Array<[number, number]> = [];
  const isLiteral = (node: TS.Node): boolean =>
    ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isStringLiteral(node);
  const add = (node: TS.Node): void => {
    // Multi-line: a line break before its end (found without copying its text out).
    const start = node.getStart(sf);
    const lineBreak = sf.text.indexOf('\n', start);
    if (lineBreak !== -1 && lineBreak < node.end) ranges.push([start, node.getEnd()]);
  };
  const around: TS.Node[] = [];
  for (let up = root.parent; up; up = up.parent) if (isLiteral(up)) around.push(up);
  around.reverse().forEach(add);
  const visit = (node: TS.Node): void => {
    if (isLiteral(node)) {
      add(node);
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return ranges;
}

/**
 * The source between `start` and `end` as whole lines re-indented under `indent`, with `edits` applied
 * (offsets in the original text). Comments are kept; blank lines at either end are dropped.
 */
export function reindent(
  text: string,
  start: number,
  end: number,
  indent: string,
  protectedRanges: Array<[number, number]>,
  edits: readonly Edit[] = [],
  /** The columns every line loses, when a piece of a block is copied on its own; else the least indented line's. */
  outdent?: number,
): string[] {
  interface Line {
    at: number;
    raw: string;
  }
  const lines: Line[] = [];
  let at = start;
  while (at <= end) {
    const nl = text.indexOf('\n', at);
    const stop = nl === -1 || nl >= end ? end : nl;
    lines.push({ at, raw: text.slice(at, stop) });
    if (stop === end) break;
    at = stop + 1;
  }
  const inside = (offset: number): boolean => protectedRanges.some(([s, e]) => offset > s && offset < e);
  const withEdits = (line: Line): string => {
    let raw = line.raw;
    const local = edits
      .filter((e) => e.start >= line.at && e.end <= line.at + line.raw.length)
      .sort((a, b) => b.start - a.start);
    for (const e of local) raw = raw.slice(0, e.start - line.at) + e.text + raw.slice(e.end - line.at);
    return raw;
  };
  const texts = lines.map((l, i) => ({ keep: inside(l.at), text: i === 0 ? withEdits(l).trimStart() : withEdits(l) }));
  let min = Infinity;
  texts.forEach((l, i) => {
    if (l.keep || i === 0 || l.text.trim() === '') return;
    min = Math.min(min, /^[ \t]*/.exec(l.text)![0].length);
  });
  if (min === Infinity) min = 0;
  if (outdent !== undefined) min = outdent;
  const out = texts.map((l, i) => {
    if (l.keep) return l.text;
    if (l.text.trim() === '') return '';
    const body = i === 0 ? l.text : l.text.slice(Math.min(min, /^[ \t]*/.exec(l.text)![0].length));
    return indent + body.trimEnd();
  });
  while (out.length > 0 && out[0].trim() === '') out.shift();
  while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
  return out;
}

/**
 * Every comment inside [start, end) of `root`, in order (found through the tree, so regexes and strings
 * can't fool it). The walk starts at `root`, not at the file: it runs once per planned fix.
 */
export function commentsIn(sf: TS.SourceFile, root: TS.Node, start: number, end: number): string[] {
  const ts = typescript();
  const text = sf.text;
  const found = new Map<number, string>();
  const add = (ranges: TS.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) if (r.pos >= start && r.end <= end) found.set(r.pos, text.slice(r.pos, r.end));
  };
  const visit = (node: TS.Node): void => {
    if (node.getEnd() < start || node.getFullStart() > end) return;
    add(ts.getLeadingCommentRanges(text, node.getFullStart()));
    add(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(root);
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

/** The indentation of the line `offset` is on. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}
