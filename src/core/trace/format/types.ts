import type { Trace } from '../model';

/** One output format of a trace. */
export interface TraceFormat<Output extends string | Uint8Array = string> {
  /** One line for `--help`. */
  description: string;
  /** File extension `--out` suggests, with the dot. */
  extension: string;
  /** The file's content: text, or bytes for the binary native format. */
  write(trace: Trace): Output;
  /**
   * The same content in pieces to write one after the other (`pieces.ts`): what the CLI and the export
   * write, since a large trace is more text than one string holds.
   */
  pieces(trace: Trace): Iterable<Output>;
}
