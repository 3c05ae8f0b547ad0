import * as v8 from 'v8';
import type { Peek } from './describe';

/**
 * What Node's public API gives only slowly or not at all, taken from V8 and Node where it is cheap,
 * each with a fallback the caller uses when it is not there:
 * - a private symbol (invisible to `Reflect.ownKeys`, proxies and `assert.deepStrictEqual`, like a
 *   private class field, but as fast as a plain property) to stamp ids on promises;
 * - a promise's state and result without `util.inspect` (which costs a microsecond per promise);
 * - a look inside proxies, and at an array's named keys, that runs no user code.
 */

/**
 * `%CreatePrivateSymbol`, compiled once while natives syntax is briefly allowed. The flag goes back
 * off at once unless the program's own command line turned it on; only this one function ever uses
 * the syntax, and it runs once, here.
 */
export function createPrivateSymbol(description: string): symbol | null {
  const userAllows = hasNodeFlag('--allow-natives-syntax');
  try {
    v8.setFlagsFromString('--allow-natives-syntax');
    try {
      const create = new Function('d', 'return %CreatePrivateSymbol(d)') as (d: string) => unknown;
      const made = create(description);
      return typeof made === 'symbol' ? made : null;
    } finally {
      if (!userAllows) v8.setFlagsFromString('--no-allow-natives-syntax');
    }
  } catch {
    // Code generation from strings disallowed, or a V8 without the intrinsic.
    return null;
  }
}

/** [state, result]: state 0 pending, 1 fulfilled, 2 rejected; the result is absent while pending. */
export type PromiseDetails = (promise: Promise<unknown>) => [number, unknown?] | undefined;

/**
 * Node's `getPromiseDetails` (what `util.inspect` itself uses), reachable only when the runner started
 * the program with `--expose-internals`.
 */
export function promiseDetails(): PromiseDetails | null {
  const details = utilBinding()?.getPromiseDetails;
  return typeof details === 'function' ? (details as PromiseDetails) : null;
}

/** Node's own views of proxies and arrays (what `util.inspect` uses), under the same flag. */
export function nodeViews(): Peek {
  const binding = utilBinding();
  if (binding === null) return {};
  const { getProxyDetails, getOwnNonIndexProperties } = binding as Record<
    string,
    ((...args: unknown[]) => unknown) | undefined
  >;
  const ONLY_ENUMERABLE = 2;
  return {
    proxyParts: getProxyDetails && ((value) => getProxyDetails(value, true) as [unknown, unknown] | undefined),
    nonIndexKeys:
      getOwnNonIndexProperties && ((value) => getOwnNonIndexProperties(value, ONLY_ENUMERABLE) as PropertyKey[]),
  };
}

let binding: Record<string, unknown> | null | undefined;

function utilBinding(): Record<string, unknown> | null {
  if (binding === undefined) binding = internalBinding('util');
  return binding;
}

/** Node's `stopMessagePort`: a port that delivers none of its messages (the flusher thread's, src/runtime/flusher.ts). */
export function stopMessagePort(): ((port: object) => void) | null {
  const stop = internalBinding('messaging')?.stopMessagePort;
  return typeof stop === 'function' ? (stop as (port: object) => void) : null;
}

/**
 * Node's `internalBinding(name)` under `--expose-internals`. Requiring the binding module prints a
 * warning meant for Node's own tests; the program must not see it, so warnings are muted meanwhile.
 */
function internalBinding(name: string): Record<string, unknown> | null {
  if (!hasNodeFlag('--expose-internals')) return null;
  const emit = process.emitWarning;
  try {
    process.emitWarning = () => undefined;
    // A module that exists only under the flag, so it is required at run time, never bundled.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const internals = require('internal/test/binding') as { internalBinding(name: string): Record<string, unknown> };
    return internals.internalBinding(name);
  } catch {
    return null;
  } finally {
    process.emitWarning = emit;
  }
}

/** Whether node was started with `flag`, on its command line or in NODE_OPTIONS; asked while the runtime starts. */
export function hasNodeFlag(flag: string): boolean {
  // eslint-disable-next-line no-restricted-properties -- before the program runs
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (let i = 0; i < flags.length; i++) if (flags[i] === flag) return true;
  return false;
}
