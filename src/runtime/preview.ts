import { inspect } from 'util';

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

export interface Settled {
  rejected: boolean;
  /** `type \u0001 text \u0001 truncated(0|1)`, or '' when the value could not be read. */
  encoded: string;
}

class StackRefused extends Error {}
const refuse = (): never => {
  throw new StackRefused();
};

/** Node's own formatter, installed before any user code runs, and the runtime's filter over it. */
const trustedPrepare = new Set<unknown>([(Error as { prepareStackTrace?: unknown }).prepareStackTrace]);

export function trustPrepareStackTrace(prepare: unknown): void {
  trustedPrepare.add(prepare);
}

export function previewSettled(promise: object): Settled {
  const E = Error as ErrorConstructor & { prepareStackTrace?: unknown };
  const current = E.prepareStackTrace;
  const userPrepare = trustedPrepare.has(current) ? undefined : current;
  // A user's prepareStackTrace is user code, and V8 would cache whatever formatting we caused, so
  // when one is installed an unformatted error's stack is refused rather than formatted.
  if (userPrepare !== undefined) E.prepareStackTrace = refuse;
  let text: string;
  try {
    text = inspect(promise, OPTIONS);
  } catch {
    return { rejected: true, encoded: encode('error', 'Error') };
  } finally {
    if (userPrepare !== undefined) E.prepareStackTrace = userPrepare;
  }
  return parse(text);
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
