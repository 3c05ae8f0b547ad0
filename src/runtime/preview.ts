import { describe, primitiveText, TEXT_MAX, type DescribeViews } from './describe';
import type { Peek } from './describe';
import type { PromiseDetails } from './intrinsics';
import { errorText } from './safeText';
import {
  inspect,
  ObjectCreate,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectIs,
  ReflectOwnKeys,
  RegExpExec,
  RegExpTest,
  StringEndsWith,
  StringIndexOf,
  StringLastIndexOf,
  StringSlice,
  StringSplit,
  StringStartsWith,
  StringTrim,
  StringTrimEnd,
  StringTrimStart,
} from './primordials';
import { withPrepare } from './stacks';

/**
 * The settled state and a bounded, inert preview of a promise's value. As the runner starts the
 * program (with Node's promise details) a value is described by `describe.ts`, which runs none of the
 * program's code and calls no builtin the program can patch. Without them (the preload on its own)
 * the promise is formatted by `util.inspect` with every option that keeps user code out: no custom
 * inspect functions, no getters, proxies shown without running their traps, one level deep. That path
 * has documented gaps: `util.inspect` reads `Symbol.toStringTag` and a constructor's `name` through
 * getters, and calls array methods the program may have patched.
 */

export const PREVIEW_MAX = TEXT_MAX;

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
  /** Set instead of `encoded` for an int32 value, which the recording carries as a number. */
  integer?: number;
  /** `type \u0001 text \u0001 truncated(0|1)`, then `\u0001 tree` when there is one; '' when the value could not be read. */
  encoded: string;
}

/** Reads a settled promise; null when it is still pending. */
export type SettledReader = (promise: Promise<unknown>) => Settled | null;

/**
 * With Node's `getPromiseDetails` the state and value are read directly (about a tenth of the cost,
 * and exact: a promise fulfilled with an error is not mistaken for a rejected one) and described to
 * depth by `describe`, with a tree; without it, through `util.inspect` of the promise, one level deep.
 */
export function settledReader(details: PromiseDetails | null, peek: Peek = {}): SettledReader {
  if (details === null) return previewSettled;
  const views: DescribeViews = { ...peek, promise: details };
  return (promise) => {
    const found = details(promise);
    if (found === undefined || found[0] === 0) return null;
    return previewValue(found[1], found[0] === 2, views);
  };
}

/**
 * The preview of a value known to be a promise's result: a primitive's text at once (an int32 as
 * a number, with no text), an object described to depth with its tree (see `describe`).
 */
export function previewValue(value: unknown, rejected: boolean, views: DescribeViews = {}): Settled {
  switch (typeof value) {
    case 'number':
      if ((value | 0) === value && !ObjectIs(value, -0)) return { rejected, integer: value, encoded: '' };
      return { rejected, encoded: encode('number', primitiveText(value)) };
    case 'undefined':
      return { rejected, encoded: UNDEFINED };
    case 'boolean':
      return { rejected, encoded: value ? TRUE : FALSE };
    case 'bigint':
    case 'string':
    case 'symbol':
      return { rejected, encoded: encode(typeof value, primitiveText(value)) };
    default:
      if (value === null) return { rejected, encoded: NULL };
      return { rejected, encoded: describedObject(value as object, views) };
  }
}

/** `describe` under refused stack formatting: no stack is ever fixed or a user's prepareStackTrace run. */
function describedObject(value: object, views: DescribeViews): string {
  let found: ReturnType<typeof describe> | null = null;
  withoutStacks(() => {
    found = describe(value, views);
    return '';
  });
  if (found === null) return encode('error', 'Error');
  const { type, text, cut, tree } = found as ReturnType<typeof describe>;
  return `${type}\u0001${text}\u0001${cut ? 1 : 0}${tree === '' ? '' : `\u0001${tree}`}`;
}

const UNDEFINED = encode('undefined', 'undefined');
const NULL = encode('null', 'null');
const TRUE = encode('boolean', 'true');
const FALSE = encode('boolean', 'false');

class StackRefused extends Error {
  constructor() {
    super();
  }
}

/**
 * Runs `read` with stack formatting refused. V8 keeps only the formatted text once a stack is
 * formatted, and then Node can no longer point at the throwing line when that error ends the program;
 * a user's prepareStackTrace is user code too. When refused, V8 caches nothing, and callers look again
 * one level shallower, where errors nested deeper are not reached (shown as `[Object]`).
 * `refused` receives the error whose stack was asked for.
 */
function withoutStacks(read: (refused: { error?: unknown }) => string): string {
  const refused: { error?: unknown } = {};
  const refuse = (error: unknown): never => {
    refused.error = error;
    throw new StackRefused();
  };
  try {
    return withPrepare(refuse, () => read(refused));
  } catch {
    return encode('error', 'Error');
  }
}

/**
 * Without Node's internals: the state and value through `util.inspect` of the promise itself.
 * Known gap of this path only: inspect reads the state after the value, so a promise fulfilled with
 * an error whose stack nobody has read previews as rejected (the refused stack ends the look early).
 */
export function previewSettled(promise: object): Settled {
  let rejected = true;
  const encoded = withoutStacks((refused) => {
    try {
      const { state, text } = parse(inspect(promise, OPTIONS), ownEntries(promise, OPTIONS));
      rejected = state;
      return text;
    } catch (error) {
      if (!(error instanceof StackRefused)) throw error;
    }
    refused.error = undefined;
    try {
      const { state, text } = parse(inspect(promise, SHALLOW), ownEntries(promise, SHALLOW));
      rejected = state;
      return text;
    } catch (error) {
      if (!(error instanceof StackRefused)) throw error;
      rejected = true;
      return encode('error', errorText(refused.error));
    }
  });
  return { rejected, encoded };
}

/** `Promise { <rejected> value, ...own }` → state and encoded preview; `own` is the tail to drop. */
function parse(text: string, own: string): { state: boolean; text: string } {
  let inner = braced(text);
  if (own !== '' && StringEndsWith(inner, `, ${own}`)) inner = StringSlice(inner, 0, -own.length - 2);
  let rejected = false;
  if (StringStartsWith(inner, '<rejected>')) {
    rejected = true;
    inner = StringTrim(StringSlice(inner, '<rejected>'.length));
  }
  return { state: rejected, text: classify(inner) };
}

function braced(text: string): string {
  const open = StringIndexOf(text, '{');
  const close = StringLastIndexOf(text, '}');
  return open >= 0 && close > open ? StringTrim(StringSlice(text, open + 1, close)) : text;
}

/**
 * `util.inspect` lists a promise's own enumerable properties after its value (`p.then = ...` on a
 * promise is enough). They are not the value: inspected the same way on a bare object holding copies
 * of their descriptors (so no getter runs), they give the exact tail `parse` drops.
 */
function ownEntries(promise: object, options: typeof OPTIONS | typeof SHALLOW): string {
  const keys = ReflectOwnKeys(promise);
  if (keys.length === 0) return '';
  const shadow = ObjectCreate(null) as object;
  for (let i = 0; i < keys.length; i++) {
    const desc = ObjectGetOwnPropertyDescriptor(promise, keys[i]);
    if (desc?.enumerable) ObjectDefineProperty(shadow, keys[i], desc);
  }
  return ReflectOwnKeys(shadow).length === 0 ? '' : braced(inspect(shadow, options));
}

/** The inspected text of a value → its encoded preview, typed by how inspect wrote it. */
function classify(inner: string): string {
  const bracketed = RegExpExec(/^\{?\s*\[([A-Za-z_$][\w$]*(?:Error|Exception)\b[^\]\n]*)\]/, inner);
  if (bracketed) return encode('error', bracketed[1]);
  const type = typeOf(inner);
  return encode(type, type === 'error' ? errorLine(inner) : oneLine(inner));
}

function encode(type: string, text: string): string {
  const cut = text.length > PREVIEW_MAX;
  return `${type}\u0001${cut ? StringSlice(text, 0, PREVIEW_MAX) : text}\u0001${cut ? 1 : 0}`;
}

function errorLine(text: string): string {
  let line = StringSplit(text, '\n', 1)[0];
  if (StringStartsWith(line, '[') && StringEndsWith(line, ']')) line = StringSlice(line, 1, -1);
  return line;
}

/** Each run of white space that holds a line break becomes one space. */
function oneLine(text: string): string {
  const lines = StringSplit(text, '\n');
  if (lines.length === 1) return text;
  let out = StringTrimEnd(lines[0]);
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = last ? StringTrimStart(lines[i]) : StringTrim(lines[i]);
    if (line !== '' || last) out += ' ' + line;
  }
  return out;
}

function typeOf(text: string): string {
  if (text === 'undefined') return 'undefined';
  if (text === 'null') return 'null';
  if (text === 'true' || text === 'false') return 'boolean';
  if (RegExpTest(/^-?\d+n$/, text)) return 'bigint';
  if (RegExpTest(/^(-?\d|-?Infinity$|NaN$)/, text)) return 'number';
  if (RegExpTest(/^['"`]/, text)) return 'string';
  if (StringStartsWith(text, 'Symbol(')) return 'symbol';
  if (RegExpTest(/^\[(Async|Generator|AsyncGenerator)?Function|^\[class /, text)) return 'function';
  if (RegExpTest(/\n\s+at /, text) || RegExpTest(/^\[?[A-Za-z_$][\w$]*(Error|Exception)(:|\]|$| \[|\n)/, text))
    return 'error';
  if (RegExpTest(/^Promise \{|^\w+ \[Promise\]/, text)) return 'promise';
  // A value past the depth shows as `[Array]`, `[Map]`, `[Point]`: only the first is an array.
  const shallow = RegExpExec(/^\[([A-Za-z_$][\w$]*)\]$/, text);
  if (shallow) return shallow[1] === 'Array' ? 'array' : 'object';
  if (StringStartsWith(text, '[') && !StringStartsWith(text, '[Object')) return 'array';
  return 'object';
}
