import {
  ArrayBufferIsView,
  ArrayIsArray,
  ArrayPush,
  MathMin,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ReflectOwnKeys,
  RegExpTest,
  SafeSet,
  StringCtor,
  types,
} from './primordials';

/**
 * `util.inspect` shows an error through its `name`, `message`, `stack`, `cause` and `errors`, read as
 * properties, and it formats an error wherever it meets one, whatever the depth. A getter there, own or
 * inherited (`class HttpError extends Error { get name() { ... } }`), would run user code while the
 * tracer previews a value. So before an object is previewed, what inspect will reach is walked without
 * running anything: property descriptors, and Node's own views of proxies and collections.
 */

/** Node's views of a proxy's target and handler, a Map's or Set's contents and an array's named keys. */
export interface Peek {
  proxyParts?: (value: object) => [unknown, unknown] | undefined;
  entries?: (value: object) => unknown[] | undefined;
  nonIndexKeys?: (value: object) => PropertyKey[];
}

const ERROR_KEYS = ['name', 'message', 'stack', 'cause', 'errors'] as const;
const ErrorPrototype = Error.prototype;
/** Objects looked at before giving up; a value that big is previewed shallower. */
const BUDGET = 200;
/** Elements and entries inspect shows of an array, Map or Set (its `maxArrayLength`). */
const SHOWN = 10;
/** Longest array whose keys are listed when Node's view of its named keys is not there. */
const LISTED = 10_000;

/**
 * True when previewing `value` one level deep could run a user getter of an error, or when that
 * cannot be told without running user code (a proxy or a collection without Node's views).
 */
export function reachesErrorGetter(value: object, peek: Peek): boolean {
  const seen = new SafeSet<object>();
  let budget = BUDGET;
  const visit = (v: unknown, top: boolean): boolean => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return false;
    seen.add(v);
    if (--budget < 0) return true;
    if (types.isProxy(v)) {
      const parts = peek.proxyParts?.(v);
      return parts === undefined || visit(parts[0], top) || visit(parts[1], top);
    }
    const error = isErrorLike(v);
    if (error && hasErrorGetter(v)) return true;
    // Past the preview's depth inspect writes `[Object]`, except for errors, which it shows in full.
    if (!top && !error) return false;
    const children = childrenOf(v, peek);
    if (children === null) return true;
    for (let i = 0; i < children.length; i++) if (visit(children[i], false)) return true;
    return false;
  };
  try {
    return visit(value, true);
  } catch {
    // A descriptor that cannot be read (a module namespace before its evaluation): not previewed deep.
    return true;
  }
}

/** An error to inspect: a native one, or any object with `Error.prototype` in its chain (not a proxy). */
export function isErrorLike(value: object): boolean {
  if (types.isNativeError(value)) return true;
  for (let o = ObjectGetPrototypeOf(value) as object | null; o !== null; o = ObjectGetPrototypeOf(o) as object | null) {
    if (o === ErrorPrototype) return true;
  }
  return false;
}

function hasErrorGetter(error: object): boolean {
  for (let k = 0; k < ERROR_KEYS.length; k++) {
    for (let o: object | null = error; o !== null; o = ObjectGetPrototypeOf(o) as object | null) {
      const desc = ownDescriptor(o, ERROR_KEYS[k]);
      if (desc === undefined) continue;
      if (typeof desc.get === 'function') return true;
      break;
    }
  }
  return false;
}

/**
 * The descriptor without formatting a stack: V8's own `stack` formats when its descriptor is read, and
 * the caller refuses that (see `withoutStacks`), which leaves it a plain data property here.
 */
function ownDescriptor(o: object, key: PropertyKey): PropertyDescriptor | undefined {
  try {
    return ObjectGetOwnPropertyDescriptor(o, key);
  } catch {
    return { value: undefined };
  }
}

/** The values inspect shows one level down, or null when they cannot be read without user code. */
function childrenOf(value: object, peek: Peek): unknown[] | null {
  const out: unknown[] = [];
  if (types.isMap(value) || types.isSet(value) || types.isMapIterator(value) || types.isSetIterator(value)) {
    const entries = peek.entries?.(value);
    if (entries === undefined) return null;
    for (let i = 0; i < MathMin(entries.length, 2 * SHOWN); i++) ArrayPush(out, entries[i]);
  }
  let keys: PropertyKey[];
  if (ArrayIsArray(value) || ArrayBufferIsView(value)) {
    // Only the first elements are shown (a typed array's are numbers), and the named keys.
    const named = peek.nonIndexKeys?.(value) ?? namedKeys(value);
    if (named === null) return null;
    keys = [];
    if (ArrayIsArray(value)) for (let i = 0; i < MathMin(SHOWN, value.length); i++) ArrayPush(keys, StringCtor(i));
    for (let i = 0; i < named.length; i++) ArrayPush(keys, named[i]);
  } else {
    keys = ReflectOwnKeys(value);
  }
  for (let i = 0; i < keys.length; i++) {
    const desc = ownDescriptor(value, keys[i]);
    if (desc !== undefined && 'value' in desc) ArrayPush(out, desc.value);
  }
  return out;
}

/** Without Node's view: the keys listed and filtered, for arrays small enough to list. */
function namedKeys(value: unknown[] | ArrayBufferView): PropertyKey[] | null {
  if ((ArrayIsArray(value) ? value.length : value.byteLength) > LISTED) return null;
  const all = ReflectOwnKeys(value);
  const named: PropertyKey[] = [];
  for (let i = 0; i < all.length; i++) {
    const key = all[i];
    if (typeof key !== 'string' || !RegExpTest(/^(0|[1-9]\d*)$/, key)) ArrayPush(named, key);
  }
  return named;
}
