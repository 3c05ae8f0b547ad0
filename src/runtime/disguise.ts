import { ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ReflectApply, SafeWeakMap } from './primordials';

/**
 * The runtime replaces a few functions: the combinators, the schedulers, the console streams' `write`
 * and Node's `prepareStackTrace`. Code that tells a native function from a replaced one by its source
 * text (`/\[native code\]/.test(fn)`, as polyfills and feature checks do) must take the same path as
 * under plain `node`, so `Function.prototype.toString` answers for each replacement with its original's
 * text, and for itself with the native function's.
 */
const originals = new SafeWeakMap<object, object>();
let masked = false;

/** From now on `replacement` reads as `original`: its name, length and source text. */
export function disguise(replacement: (...args: never[]) => unknown, original: (...args: never[]) => unknown): void {
  // The intrinsics as they were before the program ran: a program may have replaced them by now.
  ObjectDefineProperty(replacement, 'name', { value: original.name, configurable: true });
  ObjectDefineProperty(replacement, 'length', { value: original.length, configurable: true });
  originals.set(replacement, original);
  if (!masked) maskSources();
}

/** Gives a function of the program's whose text the loader rewrote its source text (see src/runtime/sites.ts). */
let sourceText: ((text: string) => string | null) | null = null;

export function showSourceText(source: (text: string) => string | null): void {
  sourceText = source;
}

function maskSources(): void {
  masked = true;
  const desc = ObjectGetOwnPropertyDescriptor(Function.prototype, 'toString');
  const native = desc?.value as ((this: unknown) => string) | undefined;
  if (!desc || typeof native !== 'function') return;
  // A method, like the native one: no `prototype`, not a constructor, same name and length.
  const holder = {
    toString(this: unknown): string {
      const original = typeof this === 'function' ? originals.get(this) : undefined;
      const text = ReflectApply(native, original ?? this, []) as string;
      return sourceText !== null ? (sourceText(text) ?? text) : text;
    },
  };
  originals.set(holder.toString, native);
  ObjectDefineProperty(Function.prototype, 'toString', { ...desc, value: holder.toString });
}
