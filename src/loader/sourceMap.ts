/**
 * The source map of an instrumented file (src/loader/sites.ts), where text was only inserted and lines
 * never move. Node's source-map support looks a position up without interpolating (a position takes the
 * original place of the segment at or before it), so every token of the original gets a segment: a
 * stack frame or a caret lands on a token's start.
 */

import type { Shift } from '../wire/sites';

export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

/**
 * `tokens` are the original offsets of the source's tokens; `shifts` the insertions per 0-based line
 * (in instrumented columns, in order).
 */
export function sourceMapOf(
  source: string,
  tokens: readonly number[],
  shifts: ReadonlyMap<number, readonly Shift[]>,
  file: string,
): SourceMapV3 {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029)
      lineStarts.push(i + 1);
  }
  // Per line, original columns that start a segment.
  const columns: number[][] = lineStarts.map(() => [0]);
  let line = 0;
  for (const at of tokens) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= at) line++;
    columns[line].push(at - lineStarts[line]);
  }
  const lines: string[] = [];
  let prevLine = 0;
  let prevColumn = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const list = shifts.get(l) ?? [];
    // Segments: [instrumented column, original column], in order.
    const segments: [number, number][] = [];
    const originals = [...new Set(columns[l])].sort((a, b) => a - b);
    let s = 0;
    let moved = 0;
    for (const column of originals) {
      // Insertions before this column (in original terms: at or before it) move it, and map to their place.
      while (s < list.length && list[s].column - moved <= column) {
        segments.push([list[s].column, list[s].column - moved]);
        moved += list[s].length;
        s++;
      }
      segments.push([column + moved, column]);
    }
    for (; s < list.length; s++) {
      segments.push([list[s].column, list[s].column - moved]);
      moved += list[s].length;
    }
    let prevGenerated = 0;
    const parts: string[] = [];
    for (const [generated, original] of segments) {
      parts.push(vlq(generated - prevGenerated) + vlq(0) + vlq(l - prevLine) + vlq(original - prevColumn));
      prevGenerated = generated;
      prevLine = l;
      prevColumn = original;
    }
    lines.push(parts.join(','));
  }
  return { version: 3, file, sources: [file], sourcesContent: [source], names: [], mappings: lines.join(';') };
}
