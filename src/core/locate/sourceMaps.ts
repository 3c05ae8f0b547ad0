/**
 * Locations the runtime recorded in transpiled TypeScript are positions in the JS the loader
 * produced; the loader left one source map per file it compiled, and this maps every location in a
 * trace back to the `.ts` source, through `node:module`'s `SourceMap` (0-based; `SourceLocation` is
 * 1-based).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mapTraceLocations } from '../trace/locations';
import type { SourceLocation, Trace } from '../trace/model';

export type SourceMaps = Map<string, SourceMap>;

/** Reads the loader's `{ file, map }` lines; a later line for the same file wins (it was recompiled). */
export function readSourceMaps(path: string): SourceMaps {
  const maps: SourceMaps = new Map();
  if (!existsSync(path)) return maps;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      // TypeScript leaves out the fields Node's type asks for but does not read.
      const { file, map } = JSON.parse(line) as { file: string; map: Partial<SourceMapPayload> };
      maps.set(file, new SourceMap({ names: [], sourceRoot: '', ...map } as SourceMapPayload));
    } catch {
      // A line cut short by a killed process: the files before it still map.
    }
  }
  return maps;
}

/**
 * The original 1-based position of a generated 1-based one, or null where the line maps nothing.
 * The segment at or before the column, as Node's `findEntry` (TypeScript puts one at every token); a
 * column before the line's first segment takes that segment, where `findEntry` would give the line above.
 */
export function originalPosition(
  map: SourceMap,
  line: number,
  column: number,
): { line: number; column: number } | null {
  const line0 = line - 1;
  let entry: SourceMapping | Record<string, never> = map.findEntry(line0, Math.max(0, column - 1));
  if (!('generatedLine' in entry) || entry.generatedLine !== line0) {
    const last = map.findEntry(line0, 0x7fffffff);
    if (!('generatedLine' in last) || last.generatedLine !== line0) return null;
    // Entries on the line start at the least column whose entry is on the line: halve down to it.
    let low = 0;
    let high = last.generatedColumn;
    while (low < high) {
      const middle = (low + high) >> 1;
      const found = map.findEntry(line0, middle);
      if ('generatedLine' in found && found.generatedLine === line0) high = middle;
      else low = middle + 1;
    }
    entry = map.findEntry(line0, low);
    if (!('generatedLine' in entry)) return null;
  }
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

function pathOf(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

export function mapLocation(location: SourceLocation | null, maps: SourceMaps): SourceLocation | null {
  if (!location) return location;
  const file = pathOf(location.file);
  const map = maps.get(file);
  if (!map) return location;
  const original = originalPosition(map, location.line, location.column);
  return original ? { file, line: original.line, column: original.column } : location;
}

/** Maps, in place, every location of the trace that lies in a transpiled file. */
export function applySourceMaps(trace: Trace, maps: SourceMaps): void {
  if (maps.size === 0) return;
  mapTraceLocations(trace, (location) => mapLocation(location, maps) ?? location);
}
