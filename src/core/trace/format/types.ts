import type { Trace } from '../model';

/** One output format of a trace. */
export interface TraceFormat {
  /** One line for `--help`. */
  description: string;
  /** File extension `--out` suggests, with the dot. */
  extension: string;
  write(trace: Trace): string;
}
