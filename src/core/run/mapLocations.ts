/**
 * Locations the runtime recorded in transpiled TypeScript are positions in the JS the loader
 * produced; the loader left one source map per file it compiled, and this maps every location in a
 * trace back to the `.ts` source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceLocation, Trace } from '../trace/model';
import { SourceMap, type RawSourceMap } from './sourceMap';

/** Reads the loader's `{ file, map }` lines; a later line for the same file wins (it was recompiled). */
export function readSourceMaps(path: string): Map<string, SourceMap> {
  const maps = new Map<string, SourceMap>();
  if (!existsSync(path)) return maps;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const { file, map } = JSON.parse(line) as { file: string; map: RawSourceMap };
      maps.set(file, new SourceMap(map));
    } catch {
      // A line cut short by a killed process: the files before it still map.
    }
  }
  return maps;
}

function pathOf(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

export function mapLocation(location: SourceLocation | null, maps: Map<string, SourceMap>): SourceLocation | null {
  if (!location) return location;
  const file = pathOf(location.file);
  const map = maps.get(file);
  if (!map) return location;
  const original = map.originalPosition(location.line, location.column);
  return original ? { file, line: original.line, column: original.column } : location;
}

/** Maps, in place, every location of the trace that lies in a transpiled file. */
export function applySourceMaps(trace: Trace, maps: Map<string, SourceMap>): void {
  if (maps.size === 0) return;
  for (const promise of trace.promises) {
    promise.location = mapLocation(promise.location, maps);
    for (const reaction of promise.reactions) reaction.handler = mapLocation(reaction.handler, maps);
  }
  for (const job of trace.jobs) job.location = mapLocation(job.location, maps);
  if (trace.exit.stuckAt) trace.exit.stuckAt = mapLocation(trace.exit.stuckAt, maps) ?? undefined;
  if (trace.stdinEof) trace.stdinEof.at = mapLocation(trace.stdinEof.at, maps);
}
