/**
 * After a run, the trace's places made true to the source a person reads: positions in transpiled
 * TypeScript mapped back to the `.ts` file, each handler found from the call that passed it, and
 * columns counted as the editor counts them. The extension, `promise-lens trace` and its
 * `--recording` path all call `locate`, so a trace reads the same whichever made it.
 */
import type { Trace } from '../trace/model';
import { groupAwaits } from './awaits';
import { toEditorColumns } from './bom';
import { readFromDisk, resolveHandlers, type SourceReader } from './handlers';
import { applySourceMaps, type SourceMaps } from './sourceMaps';

export { readFromDisk, resolveHandlers, type SourceReader } from './handlers';
export { readSourceMaps, type SourceMaps } from './sourceMaps';

export interface Sources {
  /** The text each file had when it ran (an unsaved editor's, for one); from disk by default. */
  read?: SourceReader;
  /** The loader's source maps of the files it transpiled. */
  maps?: SourceMaps;
}

/** Moves, in place, every location of `trace` to the source the person reads. */
export function locate(trace: Trace, sources: Sources = {}): void {
  const read = sources.read ?? readFromDisk;
  if (sources.maps) applySourceMaps(trace, sources.maps);
  resolveHandlers(trace, read);
  groupAwaits(trace, read);
  toEditorColumns(trace, read);
}
