import { EventEmitter } from 'events';
import { Readable, Stream, Writable } from 'stream';
import { MessagePort } from 'worker_threads';
import {
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectIsExtensible,
  ReflectDeleteProperty,
  ReflectOwnKeys,
  SafeMap,
} from './primordials';

/**
 * The objects whose methods Node's own code calls through the prototype (not through its primordials)
 * while it starts a worker, measured on Node 20 by patching every method of these and more:
 * `Function.prototype.call` and `apply`, `EventEmitter.init`, EventEmitter's and Readable's `on`,
 * MessagePort's `on`, `addEventListener`, `ref`, `unref`, `start` and `postMessage`.
 */
function owners(): object[] {
  const list: object[] = [Function.prototype, EventEmitter, EventEmitter.prototype];
  for (let proto: object | null = MessagePort.prototype; proto !== null && proto !== Object.prototype;) {
    list[list.length] = proto;
    proto = ObjectGetPrototypeOf(proto) as object | null;
  }
  list[list.length] = Readable.prototype;
  list[list.length] = Writable.prototype;
  list[list.length] = Stream.prototype;
  return list;
}

/** Their own properties as they were when the runtime loaded, before any of the program's code. */
const saved = ((): SafeMap<object, SafeMap<PropertyKey, PropertyDescriptor>> => {
  const all = new SafeMap<object, SafeMap<PropertyKey, PropertyDescriptor>>();
  const list = owners();
  for (let i = 0; i < list.length; i++) {
    const own = new SafeMap<PropertyKey, PropertyDescriptor>();
    const keys = ReflectOwnKeys(list[i]);
    for (let k = 0; k < keys.length; k++) {
      const desc = ObjectGetOwnPropertyDescriptor(list[i], keys[k]);
      if (desc !== undefined) own.set(keys[k], desc);
    }
    all.set(list[i], own);
  }
  return all;
})();

interface Change {
  owner: object;
  key: PropertyKey;
  /** What the program left there (undefined: it deleted the property), put back after. */
  now: PropertyDescriptor | undefined;
  /** What was there before it ran (undefined: it added the property). */
  was: PropertyDescriptor | undefined;
}

/**
 * Runs `body` (Node's own code) with those objects' properties as they were before the program ran,
 * and puts the program's back after, so that none of the program's replacements runs or counts a call.
 * Returns undefined, running nothing, when the program made one of them impossible to put back (a
 * property no longer configurable, an object frozen).
 */
export function withNodeOriginals<T>(body: () => T): T | undefined {
  const changes: Change[] = [];
  const list = owners();
  for (let i = 0; i < list.length; i++) {
    const owner = list[i];
    const before = saved.get(owner);
    if (before === undefined) return undefined;
    const keys = ReflectOwnKeys(owner);
    const seen = new SafeMap<PropertyKey, true>();
    for (let k = 0; k < keys.length; k++) {
      seen.set(keys[k], true);
      const now = ObjectGetOwnPropertyDescriptor(owner, keys[k]);
      const was = before.get(keys[k]);
      if (now === undefined || (was !== undefined && same(now, was))) continue;
      if (now.configurable !== true) return undefined;
      changes[changes.length] = { owner, key: keys[k], now, was };
    }
    let gone = false;
    before.forEach((was, key) => {
      if (!seen.has(key)) {
        changes[changes.length] = { owner, key, now: undefined, was };
        gone = true;
      }
    });
    if (gone && !ObjectIsExtensible(owner)) return undefined;
  }
  let put = 0;
  try {
    for (; put < changes.length; put++) set(changes[put].owner, changes[put].key, changes[put].was);
    return body();
  } finally {
    for (let i = 0; i < put; i++) set(changes[i].owner, changes[i].key, changes[i].now);
  }
}

function set(owner: object, key: PropertyKey, desc: PropertyDescriptor | undefined): void {
  if (desc === undefined) ReflectDeleteProperty(owner, key);
  else ObjectDefineProperty(owner, key, desc);
}

function same(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}
