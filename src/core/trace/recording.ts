import * as fs from 'fs';
import type { ConsoleStream, Trace, TraceExit } from './model';
import { readChunks, RecordingError } from './recordingChunks';
import { TraceBuilder } from './recordingBuilder';

/**
 * Reading the runtime's recording: the entry the runner, the CLI and the trace loader use. The framing
 * is `recordingChunks.ts`'s, the meaning of each record `recordingBuilder.ts`'s.
 */

/** What the parent process knows about a run; `readRecording` merges it with the recording. */
export interface RunInfo {
  /** Absolute path of the entry the user asked to trace. */
  file: string;
  /** `process.version` of the child, e.g. 'v20.20.2'. */
  node: string;
  /** ISO time. */
  startedAt: string;
  durationMs: number;
  /** What the parent saw: code, signal, and a reason only the parent knows, else 'completed'. */
  exit: TraceExit;
  /**
   * Everything the program's stdout and stderr carried, when the parent kept it: what did not pass
   * through the recorded `process.stdout`/`process.stderr` becomes console events marked `outside`.
   */
  output?: { stdout: string; stderr: string; /** Streams the parent kept only the start of. */ cut?: ConsoleStream[] };
}

export { RECORDING_ENV } from '../../wire/env';

/**
 * The file the runtime writes when it stopped the program itself (the output limit), next to the
 * recording: `{ "reason": "output-limit", "stuckAt"?: { file, line, column } }`.
 */
export function stopFileOf(recording: string): string {
  return `${recording}.stop`;
}

export { RecordingError };

/**
 * Reads the runtime's recording into a Trace. A missing or empty file (the child died before the
 * runtime started) gives a valid Trace with no events. A file cut short mid-chunk (a kill during a
 * write) keeps every complete chunk. Anything else malformed throws a `RecordingError`.
 */
export function readRecording(path: string, run: RunInfo): Trace {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') bytes = Buffer.alloc(0);
    else throw new RecordingError(`cannot read the recording ${path}: ${(error as Error).message}`);
  }
  return parseRecording(bytes, run);
}

/** The same, from bytes already in memory. */
export function parseRecording(bytes: Uint8Array, run: RunInfo): Trace {
  const builder = new TraceBuilder(run.output);
  readChunks(bytes, builder);
  return builder.finish(run);
}
