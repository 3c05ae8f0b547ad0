/** Reads a trace file written in the native or the JSON format (or a raw recording), and checks it is one. */
import { constants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { TRACE_VERSION, type Trace } from '../model';
import { decodeNative, isNative, isNativeV1 } from './native';
import { decodeNativeV1, NATIVE_V1_MAGIC } from './nativeV1';
import { parseRecording, type RunInfo } from '../recording';
import { MAGIC as RECORDING_MAGIC } from '../../../wire/recording';

export class BadTraceFile extends Error {
  constructor(path: string, why: string) {
    super(`${path} is not a trace Promise Lens can read: ${why}`);
    this.name = 'BadTraceFile';
  }
}

/** The longest string V8 makes, in UTF-16 units: a JSON trace of more bytes is decoded as no string. */
const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** A trace file's content: the native format (binary, or the older `PLTRACE 1` text) or JSON. */
export function parseTrace(content: Uint8Array | string, path = 'the trace'): Trace {
  let value: unknown;
  try {
    if (typeof content !== 'string' && (isNative(content) || isNativeV1(content))) value = decodeNative(content);
    else {
      if (typeof content !== 'string' && content.byteLength > MAX_STRING_LENGTH)
        throw new Error(
          `${Math.round(content.byteLength / 2 ** 20)} MB of JSON is more text than one string holds; trace it again in the native format (\`--format native\`, the default), which opens at any size`,
        );
      const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
      if (text.startsWith(NATIVE_V1_MAGIC)) value = decodeNativeV1(text);
      else if (text.trimStart().startsWith('{')) value = JSON.parse(text);
      else throw new Error('neither the native format (PLTRACE 2 or 1) nor JSON');
    }
  } catch (error) {
    throw new BadTraceFile(path, error instanceof Error ? error.message : String(error));
  }
  return checkTrace(value, path);
}

export function checkTrace(value: unknown, path = 'the trace'): Trace {
  const trace = value as Partial<Trace> | null;
  if (typeof trace !== 'object' || trace === null) throw new BadTraceFile(path, 'not an object');
  if (typeof trace.version !== 'number') throw new BadTraceFile(path, 'no version');
  if (trace.version > TRACE_VERSION) {
    throw new BadTraceFile(path, `version ${trace.version} is newer than this Promise Lens reads (${TRACE_VERSION})`);
  }
  for (const key of ['promises', 'jobs', 'events'] as const) {
    if (!Array.isArray(trace[key])) throw new BadTraceFile(path, `no ${key} list`);
  }
  if (typeof trace.file !== 'string' || typeof trace.exit !== 'object' || trace.exit === null) {
    throw new BadTraceFile(path, 'no file or exit record');
  }
  return trace as Trace;
}

/** What is known of a run from its recording alone (made by the preload, outside `promise-lens trace`). */
export function recordingRun(path: string, entry?: string): RunInfo {
  return {
    file: entry ?? path,
    node: '',
    startedAt: statSync(path).mtime.toISOString(),
    durationMs: 0,
    exit: { code: null, signal: null, reason: 'completed' },
  };
}

/**
 * Loads a trace written by `promise-lens trace` (native) or `--format json`, or a recording the
 * preload `dist/register.js` wrote.
 */
export function loadTrace(path: string): Trace {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, RECORDING_MAGIC.length).toString('latin1') === RECORDING_MAGIC) {
    try {
      return parseRecording(bytes, recordingRun(path));
    } catch (error) {
      throw new BadTraceFile(path, error instanceof Error ? error.message : String(error));
    }
  }
  return parseTrace(bytes, path);
}
