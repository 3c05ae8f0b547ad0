import { inspect } from 'util';
import { errorText } from './safeText';

/**
 * The settled state and a bounded, inert preview of a promise's value. Node exposes a promise's
 * state and result only through `util.inspect`, so that is used with every option that keeps user
 * code out: no custom inspect functions, no getters, proxies shown without running their traps,
 * bounded depth, array and string lengths. An error reads `Name: message`.
 *
 * One gap is documented rather than hidden: `util.inspect` reads `Symbol.toStringTag` from objects,
 * so a getter defined under that symbol would run.
 */

export const PREVIEW_MAX = 200;

const OPTIONS = {
  depth: 1,
  customInspect: false,
  getters: false,
  showProxy: true,
  showHidden: false,
  maxArrayLength: 10,
  maxStringLength: 120,
  breakLength: Infinity,
  compact: true,
  sorted: false,
} as const;

const SHALLOW = { ...OPTIONS, depth: 0 } as const;

export interface Settled {
  rejected: boolean;
  /** `type \u0001 text \u0001 truncated(0|1)`, or '' when the value could not be read. */
  encoded: string;
}

class StackRefused extends Error {}

/**
 * Reads a promise's state and value through `util.inspect` without ever formatting an error's stack.
 * V8 keeps only the formatted text once a stack is formatted, and then Node can no longer point at
 * the throwing line when that error ends the program; a user's prepareStackTrace is user code too.
 * So while inspecting, stack formatting is refused (V8 caches nothing when it throws). When refused,
 * a second look one level shallower tells a top-level error (refused again: it is the value, handed
 * to the refusing hook) from errors nested deeper (not reached, shown as `[Object]`).
 * Known gap: inspect reads the state only after the value, so such a top-level error is taken as a
 * rejection reason; a promise fulfilled with an error whose stack nobody has read previews as rejected.
 */
export function previewSettled(promise: object): Settled {
  const E = Error as ErrorConstructor & { prepareStackTrace?: unknown };
  const current = E.prepareStackTrace;
  let refused: unknown;
  E.prepareStackTrace = (error: unknown): never => {
    refused = error;
    throw new StackRefused();
  };
  try {
    try {
      return parse(inspect(promise, OPTIONS));
    } catch (error) {
      if (!(error instanceof StackRefused)) throw error;
    }
    refused = undefined;
    try {
      return parse(inspect(promise, SHALLOW));
    } catch (error) {
      if (!(error instanceof StackRefused)) throw error;
      return { rejected: true, encoded: encode('error', errorText(refused)) };
    }
  } catch {
    return { rejected: true, encoded: encode('error', 'Error') };
  } finally {
    E.prepareStackTrace = current;
  }
}

/** `Promise { <rejected> value }` → state and preview. Exported for tests. */
export function parse(text: string): Settled {
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  let inner = open >= 0 && close > open ? text.slice(open + 1, close).trim() : text;
  let rejected = false;
  if (inner.startsWith('<rejected>')) {
    rejected = true;
    inner = inner.slice('<rejected>'.length).trim();
  }
  const bracketed = /^\{?\s*\[([A-Za-z_$][\w$]*(?:Error|Exception)\b[^\]\n]*)\]/.exec(inner);
  if (bracketed) return { rejected, encoded: encode('error', bracketed[1]) };
  const type = typeOf(inner);
  inner = type === 'error' ? errorLine(inner) : inner.replace(/\s*\n\s*/g, ' ');
  return { rejected, encoded: encode(type, inner) };
}

function encode(type: string, text: string): string {
  const cut = text.length > PREVIEW_MAX;
  return `${type}\u0001${cut ? text.slice(0, PREVIEW_MAX) : text}\u0001${cut ? 1 : 0}`;
}

function errorLine(text: string): string {
  let line = text.split('\n', 1)[0];
  if (line.startsWith('[') && line.endsWith(']')) line = line.slice(1, -1);
  return line;
}

function typeOf(text: string): string {
  if (text === 'undefined') return 'undefined';
  if (text === 'null') return 'null';
  if (text === 'true' || text === 'false') return 'boolean';
  if (/^-?\d+n$/.test(text)) return 'bigint';
  if (/^(-?\d|-?Infinity$|NaN$)/.test(text)) return 'number';
  if (/^['"`]/.test(text)) return 'string';
  if (text.startsWith('Symbol(')) return 'symbol';
  if (/^\[(Async|Generator|AsyncGenerator)?Function|^\[class /.test(text)) return 'function';
  if (/\n\s+at /.test(text) || /^\[?[A-Za-z_$][\w$]*(Error|Exception)(:|\]|$| \[|\n)/.test(text)) return 'error';
  if (/^Promise \{|^\w+ \[Promise\]/.test(text)) return 'promise';
  if (text.startsWith('[') && !text.startsWith('[Object')) return 'array';
  return 'object';
}
