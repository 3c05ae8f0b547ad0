import { disguise } from './disguise';
import {
  ArrayIsArray,
  ArrayPop,
  ArrayPush,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  ReflectApply,
  types,
} from './primordials';
import type { PromiseRecorder } from './promises';

/**
 * V8's hooks do not link a combinator's result to its inputs, so `Promise.all`, `allSettled`, `race`
 * and `any` are wrapped: the wrapper only marks "inside this combinator" while the original runs with
 * the same `this` and arguments, so iteration, thenable handling and subclassing are V8's own. The
 * wrapper is a method (not a constructor, no `prototype`) with the original's name, length, source text
 * and property descriptor.
 */
export function wrapCombinators(recorder: PromiseRecorder): void {
  const plain = plainCallCheck();
  for (const name of ['all', 'allSettled', 'race', 'any'] as const) {
    const desc = Object.getOwnPropertyDescriptor(Promise, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const original = desc.value as (...args: unknown[]) => unknown;
    const stack = recorder.combinators;
    const holder = {
      [name](this: unknown, ...args: unknown[]): unknown {
        ArrayPush(stack, { kind: name, result: 0, plain: plain(this, args[0]) });
        try {
          return ReflectApply(original, this, args);
        } finally {
          ArrayPop(stack);
        }
      },
    };
    const wrapped = holder[name];
    disguise(wrapped, original);
    Object.defineProperty(Promise, name, { ...desc, value: wrapped });
  }
}

/** A data property of `target` holding `value` (its descriptor read, so no getter runs). */
function holds(target: object, key: PropertyKey, value: unknown): boolean {
  const desc = ObjectGetOwnPropertyDescriptor(target, key);
  return desc !== undefined && 'value' in desc && desc.value === value;
}

/**
 * Whether a combinator call can run no user code: `Promise` itself over a real array of native
 * promises, with every lookup V8 makes on the way (the array's iterator, `Promise.resolve`, each
 * input's `constructor` and `then`) still the original data property, and `Promise[Symbol.species]`
 * (which each `then` reads) still the original getter. Then the promises it makes
 * are exactly its result and one `then` per input, and the recorder knows them without a stack.
 * The check reads descriptors only, so it runs no getter either.
 */
function plainCallCheck(): (self: unknown, inputs: unknown) => boolean {
  const PromiseCtor = Promise;
  const proto = Promise.prototype;
  const resolve = Promise.resolve;
  const then = proto.then;
  const arrayProto = Array.prototype;
  const values = arrayProto[Symbol.iterator];
  const iteratorProto = ObjectGetPrototypeOf([][Symbol.iterator]()) as object;
  const next = (iteratorProto as { next: unknown }).next;
  const species = Object.getOwnPropertyDescriptor(Promise, Symbol.species)?.get;
  return (self, inputs) => {
    try {
      if (self !== PromiseCtor || !ArrayIsArray(inputs) || types.isProxy(inputs)) return false;
      if (ObjectGetPrototypeOf(inputs) !== arrayProto || ObjectHasOwn(inputs, Symbol.iterator)) return false;
      if (!holds(arrayProto, Symbol.iterator, values) || !holds(iteratorProto, 'next', next)) return false;
      if (
        !holds(PromiseCtor, 'resolve', resolve) ||
        !holds(proto, 'then', then) ||
        !holds(proto, 'constructor', PromiseCtor)
      )
        return false;
      if (species === undefined || ObjectGetOwnPropertyDescriptor(PromiseCtor, Symbol.species)?.get !== species)
        return false;
      const n = inputs.length;
      for (let i = 0; i < n; i++) {
        // A hole reads through the prototype chain, an accessor element runs a getter: both fail here.
        const desc = ObjectGetOwnPropertyDescriptor(inputs, i);
        if (desc === undefined || !('value' in desc)) return false;
        const input = desc.value as unknown;
        if (!types.isPromise(input) || ObjectGetPrototypeOf(input) !== proto) return false;
        if (ObjectHasOwn(input, 'then') || ObjectHasOwn(input, 'constructor')) return false;
      }
      return true;
    } catch {
      return false;
    }
  };
}
