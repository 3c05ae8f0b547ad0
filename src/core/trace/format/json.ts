/** `--format json`: the trace model as one JSON document (documented in docs/trace-format.md). */
import type { Trace } from '../model';
import type { TraceFormat } from './types';

export const jsonFormat: TraceFormat = {
  description: 'one JSON document, the trace model (docs/trace-format.md)',
  extension: '.json',
  write: (trace: Trace) => `${JSON.stringify(trace)}\n`,
};
