/** `--format json`: the trace model as one JSON document (documented in docs/trace-format.md). */
import type { Trace } from '../model';
import type { TraceFormat } from './types';
import { joinPieces, jsonPieces } from './pieces';

function* pieces(trace: Trace): Generator<string> {
  yield* jsonPieces(trace);
  yield '\n';
}

export const jsonFormat: TraceFormat = {
  description: 'one JSON document, the trace model (docs/trace-format.md)',
  extension: '.json',
  write: (trace) => joinPieces(pieces(trace)),
  pieces,
};
