/**
 * What the parent can tell from the tail of the program's stderr: Node's own report of a fatal
 * exception, and V8's report of a heap exhausted.
 */

/** Node ends its report of an uncaught exception with a line `Node.js v20.20.2`. */
const FATAL_TRAILER = /(?:^|\n)Node\.js v\d+\.\d+\.\d+\S*\s*$/;
const ERROR_LINE = /^(?:[A-Za-z_$][\w$]*(?:Error|Exception)|Error)(?:: .*|\s*\[.*\])?$/m;

/** `Name: message` of the uncaught error Node reported, or undefined when it reported none. */
export function uncaughtFromStderr(tail: string): string | undefined {
  if (!FATAL_TRAILER.test(tail)) return undefined;
  const line = ERROR_LINE.exec(tail)?.[0];
  return line ?? 'an uncaught exception (see the program output)';
}

export function heapExhausted(tail: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit/.test(tail);
}

/** The end of what the program wrote to stderr, where Node's and V8's reports of its end are. */
export function stderrTail(stderr: string): string {
  return stderr.slice(-16 * 1024);
}
