/**
 * What the runner adds to a trace from outside the recording, after the run: the end of Node's stderr
 * (an uncaught error Node reported, a file it could not parse) and the note the runtime leaves when the
 * program read stdin and got end-of-file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Trace } from '../trace/model';
import { syntaxErrorFromStderr, uncaughtFromStderr } from './stderr';

/** The program took its stdin, which was empty: the runtime said so in `file`. */
export function noteStdinEof(trace: Trace, file: string): void {
  if (!existsSync(file)) return;
  let at: Trace['exit']['stuckAt'];
  try {
    at = (JSON.parse(readFileSync(file, 'utf8')) as { at?: Trace['exit']['stuckAt'] }).at;
  } catch {
    at = undefined;
  }
  const place = at
    ? { file: at.file.startsWith('file://') ? fileURLToPath(at.file) : at.file, line: at.line, column: at.column }
    : null;
  trace.stdinEof = { at: place };
}

/**
 * A program Node could not parse: the trace says where (`exit.syntaxError`), and Node's report of it
 * (the source line, the caret, Node's own stack) is not kept as the program's output lines.
 */
export function placeSyntaxError(trace: Trace, tail: string): void {
  if (trace.exit.reason !== 'crashed') return;
  const found = syntaxErrorFromStderr(tail);
  if (!found) return;
  const { file, line, column, message } = found;
  trace.exit = { ...trace.exit, message, syntaxError: { file, line, column } };
  // The report is what came last on stderr, after everything the program printed itself.
  let end = trace.events.length;
  while (end > 0) {
    const event = trace.events[end - 1];
    if (event.type !== 'console' || !event.outside || event.stream !== 'stderr') break;
    end--;
  }
  trace.events.length = end;
}

/**
 * An error thrown before the runtime could see it (a SyntaxError in the entry, an error while
 * loading) ends the program as a crash even when the recording does not say so; Node's own report
 * on stderr does.
 */
export function refineCrash(trace: Trace, stderrTail: string): void {
  if (trace.exit.reason !== 'completed' || !trace.exit.code) return;
  const error = uncaughtFromStderr(stderrTail);
  if (error) trace.exit = { ...trace.exit, reason: 'crashed', message: trace.exit.message ?? error };
}
