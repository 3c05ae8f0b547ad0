/**
 * A small reader of source maps (version 3), enough to map a position V8 reported in transpiled
 * TypeScript back to the `.ts` file. Positions in source maps are 0-based; `SourceLocation` is
 * 1-based: the names below say which is which.
 */

interface Segment {
  generatedColumn0: number;
  originalLine0: number;
  originalColumn0: number;
}

export interface RawSourceMap {
  version: number;
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

function decodeVlq(text: string, at: { i: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    const digit = DIGIT.get(text[at.i++]);
    if (digit === undefined) throw new Error('bad VLQ digit in source map');
    result += (digit & 31) << shift;
    if ((digit & 32) === 0) break;
    shift += 5;
  }
  return result & 1 ? -(result >>> 1) : result >>> 1;
}

export class SourceMap {
  /** Segments by generated line (0-based), sorted by generated column. */
  private readonly lines: Segment[][] = [];

  constructor(raw: RawSourceMap) {
    let originalLine0 = 0;
    let originalColumn0 = 0;
    for (const lineText of raw.mappings.split(';')) {
      const segments: Segment[] = [];
      let generatedColumn0 = 0;
      for (const part of lineText.split(',')) {
        if (part === '') continue;
        const at = { i: 0 };
        generatedColumn0 += decodeVlq(part, at);
        if (at.i >= part.length) continue; // a segment with no original position
        decodeVlq(part, at); // the source index: each map here has one source, the file itself
        originalLine0 += decodeVlq(part, at);
        originalColumn0 += decodeVlq(part, at);
        segments.push({ generatedColumn0, originalLine0, originalColumn0 });
      }
      segments.sort((a, b) => a.generatedColumn0 - b.generatedColumn0);
      this.lines.push(segments);
    }
  }

  /** The original 1-based position of a generated 1-based position, or null when unmapped. */
  originalPosition(line: number, column: number): { line: number; column: number } | null {
    const segments = this.lines[line - 1];
    if (!segments || segments.length === 0) return null;
    const column0 = column - 1;
    let best: Segment | undefined;
    for (const segment of segments) {
      if (segment.generatedColumn0 > column0) break;
      best = segment;
    }
    // A position before the first segment of its line belongs to that line's first mapping.
    best ??= segments[0];
    // Like Node's own `findEntry`: the segment's start, since TypeScript puts one at every token.
    return { line: best.originalLine0 + 1, column: best.originalColumn0 + 1 };
  }
}
