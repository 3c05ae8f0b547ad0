/**
 * A string column whose strings are mostly distinct but alike (one sentence per job naming its promise
 * and step, one value text per promise) goes as templates with their numbers taken out: few templates in
 * the string table, and per row a template code and numbers that differ by little from those at the same
 * place in the row before. Exact: only digit runs that read back as written become numbers.
 */
import type { ByteReader, ByteWriter, StringTable } from './nativeBytes';

/** Where a template had a number; a column whose strings hold this character is not templated. */
const HOLE = '\u0000';

const isDigit = (c: number) => c >= 48 && c <= 57;

export interface Templated {
  templates: string[];
  /** Every row's numbers, one after the other (a row has as many as its template has holes). */
  numbers: number[];
}

/**
 * The column as templates, or undefined where that does not at least halve the distinct strings. Decided
 * on a sample (either choice is exact; only the size differs): counting every string would cost more
 * than the choice saves.
 */
export function templated(values: readonly string[]): Templated | undefined {
  if (values.length < 64) return undefined;
  const sample = Math.min(values.length, 1024);
  const distinct = new Set<string>();
  const shapes = new Set<string>();
  const numbers: number[] = [];
  for (let i = 0; i < sample; i++) {
    distinct.add(values[i]);
    const template = templateOf(values[i], numbers);
    if (template === undefined) return undefined;
    shapes.add(template);
  }
  if (distinct.size * 16 < sample || shapes.size * 2 > distinct.size) return undefined;
  numbers.length = 0;
  const templates = new Array<string>(values.length);
  // Rows in a run share a template: a string is first checked against the one before without making any.
  let template = '';
  let parts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i === 0 || !fits(v, parts, numbers)) {
      const made = templateOf(v, numbers);
      if (made === undefined) return undefined;
      template = made;
      parts = made.split(HOLE);
    }
    templates[i] = template;
  }
  return { templates, numbers };
}

/**
 * Whether `templateOf(v)` would give the template of `parts` (its text between the holes), pushing v's
 * numbers if so. Guided by the parts: each must be next in `v`, and between two parts a run of digits
 * that `templateOf` would take out. A part never ends in a digit before a hole nor starts with one after
 * it (runs are whole), so the digits inside the parts stay as they were.
 */
function fits(v: string, parts: readonly string[], numbers: number[]): boolean {
  const before = numbers.length;
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!v.startsWith(part, at)) break;
    at += part.length;
    if (k === parts.length - 1) {
      if (at === v.length) return true;
      break;
    }
    let end = at;
    while (end < v.length && isDigit(v.charCodeAt(end))) end++;
    if (end === at || end - at > 15 || (end - at > 1 && v.charCodeAt(at) === 48)) break;
    let n = 0;
    for (let d = at; d < end; d++) n = n * 10 + v.charCodeAt(d) - 48;
    numbers.push(n);
    at = end;
  }
  numbers.length = before;
  return false;
}

export function writeTemplated(e: { w: ByteWriter; strings: StringTable }, { templates, numbers }: Templated): void {
  const { w, strings } = e;
  const holes = new Map<string, number>();
  const last: number[] = [];
  let at = 0;
  for (const template of templates) {
    const code = strings.code(template);
    w.uint(code);
    let count = holes.get(template);
    if (count === undefined) holes.set(template, (count = template.split(HOLE).length - 1));
    for (let k = 0; k < count; k++) {
      const n = numbers[at++];
      w.int(n - (last[k] ?? 0));
      last[k] = n;
    }
  }
}

export function readTemplated(r: ByteReader, str: (code: number) => string, m: number): string[] {
  const out = new Array<string>(m);
  const split = new Map<number, string[]>();
  const last: number[] = [];
  for (let i = 0; i < m; i++) {
    const code = r.uint();
    let parts = split.get(code);
    if (parts === undefined) split.set(code, (parts = str(code).split(HOLE)));
    let text = parts[0];
    for (let k = 1; k < parts.length; k++) {
      const n = (last[k - 1] ?? 0) + r.int();
      last[k - 1] = n;
      text += n + parts[k];
    }
    out[i] = text;
  }
  return out;
}

/**
 * `v` with each run of digits that reads back as written (no leading zero, at most 15 digits: exact as a
 * double) replaced by HOLE, its numbers pushed on `numbers`; undefined when `v` holds HOLE itself. A scan
 * by hand: a regular expression with a callback per string costs several times more.
 */
function templateOf(v: string, numbers: number[]): string | undefined {
  if (v.includes(HOLE)) return undefined;
  let template = '';
  let from = 0;
  for (let j = 0; j < v.length; j++) {
    if (!isDigit(v.charCodeAt(j))) continue;
    let end = j + 1;
    while (end < v.length && isDigit(v.charCodeAt(end))) end++;
    if (end - j <= 15 && (end - j === 1 || v.charCodeAt(j) !== 48)) {
      let n = 0;
      for (let k = j; k < end; k++) n = n * 10 + v.charCodeAt(k) - 48;
      numbers.push(n);
      template += v.slice(from, j) + HOLE;
      from = end;
    }
    j = end - 1;
  }
  return from === 0 ? v : template + v.slice(from);
}
