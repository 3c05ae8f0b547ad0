import { fileURLToPath } from 'node:url';

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

/** Where Node (or the TypeScript loader) could not parse the program, 1-based, and its words. */
export interface SyntaxErrorAt {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The loader's report: `SyntaxError: <message> (<file>:<line>:<column>)`, the .ts file's position. */
const LOADER_SYNTAX = /^SyntaxError: (.*) \((.+):(\d+):(\d+)\)$/m;
/** Node's: `<file>:<line>`, the source line, a caret under the column, a blank line, `SyntaxError: ...`. */
const NODE_SYNTAX = /^(.+):(\d+)\n.*\n([ \t]*)\^+ *\n\n(SyntaxError: .*)$/m;

/** The syntax error that ended the program before it ran, from Node's report of it; undefined if none. */
export function syntaxErrorFromStderr(tail: string): SyntaxErrorAt | undefined {
  if (!FATAL_TRAILER.test(tail)) return undefined;
  const loader = LOADER_SYNTAX.exec(tail);
  if (loader)
    return {
      file: loader[2],
      line: Number(loader[3]),
      column: Number(loader[4]),
      message: `SyntaxError: ${loader[1]}`,
    };
  const node = NODE_SYNTAX.exec(tail);
  if (!node) return undefined;
  const file = node[1].startsWith('file://') ? fileURLToPath(node[1]) : node[1];
  return { file, line: Number(node[2]), column: node[3].length + 1, message: node[4] };
}
