import { KINDS } from '../wire/recording';
import { ObjectCreate, ObjectGetPrototypeOf, SafeSet, types } from './primordials';

/**
 * What the promise hook (`promises.ts`) reads to tell which API made a promise: the builtin frame
 * names that name its creator, the combinators, and how deep a Promise subclass goes. Tables and
 * prototype walks only, built once while the runtime loads.
 */

/** Each promise kind's code in the recording (Op.Promise). */
// eslint-disable-next-line no-restricted-properties -- once, while the runtime loads
export const KIND_CODE: Record<string, number> = Object.fromEntries(KINDS.map((k, i) => [k, i]));

/** Builtin frame names that say which API created a promise, outermost wins (no prototype: a frame named `toString` is no creator). */
export const CREATORS = Object.assign(ObjectCreate(null) as Record<string, string | undefined>, {
  then: 'then',
  catch: 'catch',
  finally: 'finally',
  resolve: 'resolve',
  reject: 'reject',
  all: 'all',
  allSettled: 'allSettled',
  race: 'race',
  any: 'any',
  withResolvers: 'withResolvers',
  next: 'async',
  return: 'async',
  throw: 'async',
});
export const COMBINATORS = new SafeSet(['all', 'allSettled', 'race', 'any']);
const PromisePrototype = Promise.prototype;
/** Deeper than any real class hierarchy; past it a promise is located where its own class made it. */
const MAX_SUBCLASSING = 16;

/** An instance of a Promise subclass (a promise is never a proxy, so this runs none of the program's code). */
export function subclassed(promise: Promise<unknown>): boolean {
  return ObjectGetPrototypeOf(promise) !== PromisePrototype;
}

/**
 * How many subclasses of Promise `promise` is an instance of (0 for a plain promise). The walk reads
 * prototypes only, and stops at a proxy, whose trap would be the program's code.
 */
export function subclassing(promise: Promise<unknown>): number {
  let proto = ObjectGetPrototypeOf(promise) as object | null;
  let levels = 0;
  while (proto !== PromisePrototype) {
    if (proto === null || types.isProxy(proto) || ++levels > MAX_SUBCLASSING) return 0;
    proto = ObjectGetPrototypeOf(proto) as object | null;
  }
  return levels;
}

export interface Combinator {
  kind: string;
  result: number;
  /** No user code can run inside this call (see combinators.ts): its promises need no stack. */
  plain: boolean;
}
