/**
 * The output formats of a trace, one row each. `promise-lens trace --format NAME` and the
 * extension's exports look them up here.
 */
import { chromeFormat } from './chrome';
import { jsonFormat } from './json';
import { nativeFormat } from './native';
import { textFormat } from './text';
import { htmlFormat } from './html';
import type { TraceFormat } from './types';

/** By name; the text formats are known to give text (the extension's exports write them as such). */
export const formats: {
  [name: string]: TraceFormat<string | Uint8Array>;
  native: TraceFormat<Uint8Array>;
  json: TraceFormat;
  text: TraceFormat;
  chrome: TraceFormat;
  html: TraceFormat;
} = {
  native: nativeFormat,
  json: jsonFormat,
  text: textFormat,
  chrome: chromeFormat,
  html: htmlFormat,
};

export const DEFAULT_FORMAT = 'native';

export type { TraceFormat } from './types';
export { loadTrace, parseTrace, checkTrace, recordingRun, BadTraceFile } from './load';
export { summarize, summaryText, describeExit, describeStdinEof, countsText, type TraceSummary } from './summary';
export { traceToText } from './text';
export { traceToChrome } from './chrome';
