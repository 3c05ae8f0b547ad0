import { disguise } from './disguise';
import type { PromiseRecorder } from './promises';

/**
 * V8's hooks do not link a combinator's result to its inputs, so `Promise.all`, `allSettled`, `race`
 * and `any` are wrapped: the wrapper only marks "inside this combinator" while the original runs with
 * the same `this` and arguments, so iteration, thenable handling and subclassing are V8's own. The
 * wrapper is a method (not a constructor, no `prototype`) with the original's name, length, source text
 * and property descriptor.
 */
export function wrapCombinators(recorder: PromiseRecorder): void {
  for (const name of ['all', 'allSettled', 'race', 'any'] as const) {
    const desc = Object.getOwnPropertyDescriptor(Promise, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const original = desc.value as (...args: unknown[]) => unknown;
    const stack = recorder.combinators;
    const holder = {
      [name](this: unknown, ...args: unknown[]): unknown {
        stack.push({ kind: name, result: 0 });
        try {
          return Reflect.apply(original, this, args);
        } finally {
          stack.pop();
        }
      },
    };
    const wrapped = holder[name];
    disguise(wrapped, original);
    Object.defineProperty(Promise, name, { ...desc, value: wrapped });
  }
}
