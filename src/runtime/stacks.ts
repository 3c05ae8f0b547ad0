/**
 * How the runtime looks at stacks without the program noticing. A program may replace
 * `Error.captureStackTrace`, or turn `Error.stackTraceLimit` or `Error.prepareStackTrace` into
 * accessors or freeze them. The runtime uses the intrinsics as they were before the program ran, and
 * sets those two properties on the intrinsic `Error` (the one V8 reads the limit from) only as data
 * properties, put back as they were at once, so no getter or setter of the program's runs.
 * Its own captures are formatted through Node's per-object `overrideStackTrace` when the runner
 * allowed internals. The bare preload sets `prepareStackTrace` instead, which Node reads through the
 * global `Error`: in a program that replaces that global, Node reads the replacement's (the program's
 * code, then) and the capture finds nothing.
 */

import { hasNodeFlag } from './intrinsics';
import {
  ErrorCaptureStackTrace,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectIsExtensible,
} from './primordials';

export type Prepare = (error: unknown, sites: NodeJS.CallSite[]) => unknown;
type Key = 'stackTraceLimit' | 'prepareStackTrace';

const IntrinsicError = Error as unknown as Record<Key, unknown> & object;

/** What `set` found there, for `restore`: a descriptor, or one of these. */
const ABSENT = Symbol('absent');
const UNCHANGED = Symbol('unchanged');
type Saved = PropertyDescriptor | typeof ABSENT | typeof UNCHANGED;

/** Sets `key` on the intrinsic Error to `value` as a data property; `restore` puts back what was there. */
function set(key: Key, value: unknown): Saved {
  const desc = ObjectGetOwnPropertyDescriptor(IntrinsicError, key);
  if (desc !== undefined && desc.writable === true) {
    IntrinsicError[key] = value;
    return desc;
  }
  return redefine(key, desc, value);
}

function restore(key: Key, saved: Saved): void {
  if (saved !== UNCHANGED && saved !== ABSENT && saved.writable === true) IntrinsicError[key] = saved.value;
  else putBack(key, saved);
}

/** An accessor, a read-only value or no property at all: a data property for the moment, if allowed. */
function redefine(key: Key, desc: PropertyDescriptor | undefined, value: unknown): Saved {
  if (desc === undefined ? !ObjectIsExtensible(IntrinsicError) : desc.configurable !== true) return UNCHANGED;
  ObjectDefineProperty(IntrinsicError, key, { value, writable: true, configurable: true, enumerable: false });
  return desc ?? ABSENT;
}

function putBack(key: Key, saved: Saved): void {
  if (saved === UNCHANGED) return;
  if (saved === ABSENT) delete IntrinsicError[key];
  else ObjectDefineProperty(IntrinsicError, key, saved);
}

/**
 * Node's own way to format one object's stack with a given function (`overrideStackTrace`, checked
 * before the program's `Error.prepareStackTrace` is even read), when the runner allowed internals.
 */
const override = nodeOverride();

function nodeOverride(): WeakMap<object, Prepare> | null {
  if (!hasNodeFlag('--expose-internals')) return null;
  try {
    // Exists only under the flag, so it is required at run time, never bundled.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const found = (require('internal/errors') as { overrideStackTrace?: unknown }).overrideStackTrace;
    return found instanceof WeakMap ? (found as WeakMap<object, Prepare>) : null;
  } catch {
    return null;
  }
}

/**
 * Captures up to `limit` frames above `skip` into `holder` and returns what `prepare` makes of them
 * (undefined when the program left the limit so that nothing could be captured).
 */
export function readStack(
  holder: { stack?: unknown },
  limit: number,
  prepare: Prepare,
  skip?: (...args: never[]) => unknown,
): unknown {
  const saved = set('stackTraceLimit', limit);
  try {
    ErrorCaptureStackTrace(holder, skip);
  } finally {
    restore('stackTraceLimit', saved);
  }
  if (override !== null) {
    // Node's formatter takes the entry out as it uses it; one left when nothing was captured (the
    // program's limit stood) is replaced by the next capture's.
    override.set(holder, prepare);
    return holder.stack;
  }
  return withPrepare(prepare, () => holder.stack);
}

/** Runs `body` with `prepare` formatting every stack asked for meanwhile. */
export function withPrepare<T>(prepare: Prepare, body: () => T): T {
  const saved = set('prepareStackTrace', prepare);
  try {
    return body();
  } finally {
    restore('prepareStackTrace', saved);
  }
}
