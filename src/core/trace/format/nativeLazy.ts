/**
 * The native format decoded for the timeline page: the same `Trace` as `decodeNative`, whose promises,
 * jobs and events are made one by one when first read, not all up front. A million-event trace holds
 * about three million small objects; making them (and collecting the garbage of making them) was most
 * of the time before the page could draw, when a frame reads a few hundred. The columns stay in typed
 * arrays, and `nativeTables` lets the timeline scan a field of every row without making a row.
 *
 * The arrays are real arrays behind a Proxy (`Array.isArray`, `length`, indexing, iteration and every
 * array method work, each row made once); what reads a field of every row should use `nativeTables`.
 */
import type { Trace } from '../model';
import { ByteReader, readStrings } from './nativeBytes';
import { decodeNative, isNative, NATIVE_MAGIC } from './native';
import { LazyTable, readLazyTable, type Rows } from './nativeLazyTables';

export type { Rows } from './nativeLazyTables';

export interface NativeTables {
  promises: Rows;
  jobs: Rows;
  events: Rows;
}

const tablesOf = new WeakMap<Trace, NativeTables>();

/** The columns behind a trace made by `decodeNativeLazy`; undefined for any other trace. */
export function nativeTables(trace: Trace): NativeTables | undefined {
  return tablesOf.get(trace);
}

/** An array of `n` items made by `make(i)` when first read, then kept. */
export function lazyArray<T>(n: number, make: (i: number) => T): T[] {
  const made = new Array<T>(n);
  const at = (key: string | symbol): number => {
    if (typeof key !== 'string') return -1;
    const c = key.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(key);
    return i < n && Number.isInteger(i) && String(i) === key ? i : -1;
  };
  const get = (i: number): T => {
    let v = made[i];
    if (v === undefined) made[i] = v = make(i);
    return v;
  };
  return new Proxy(made, {
    get(target, key, receiver) {
      const i = at(key);
      return i === -1 ? Reflect.get(target, key, receiver) : get(i);
    },
    has(target, key) {
      return at(key) !== -1 || Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const i = at(key);
      if (i === -1) return Reflect.getOwnPropertyDescriptor(target, key);
      get(i);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      for (let i = 0; i < n; i++) get(i);
      return Reflect.ownKeys(target);
    },
  });
}

/** The events, stored as one table per type: a field of every event, in event order per table. */
class LazyEvents implements Rows {
  constructor(
    readonly count: number,
    private readonly tables: LazyTable[],
    /** Per table, the event index of each of its rows. */
    private readonly indexes: Uint32Array[],
  ) {}

  each(key: string, fn: (row: number, value: unknown) => void, only?: Uint8Array): void {
    this.tables.forEach((table, t) => {
      const index = this.indexes[t];
      const within = only && Uint8Array.from(index, (i) => only[i]);
      table.each(key, (k, value) => fn(index[k], value), within);
    });
  }

  numbers(key: string, out = new Float64Array(this.count).fill(Number.NaN)): Float64Array {
    this.tables.forEach((table, t) => table.numbersInto(key, out, this.indexes[t]));
    return out;
  }

  classify(key: string, f: (v: unknown) => number): Uint8Array {
    const out = new Uint8Array(this.count).fill(f(undefined));
    this.tables.forEach((table, t) => table.classifyInto(key, f, out, this.indexes[t]));
    return out;
  }
}

/** `decodeNative`, with the rows of a `PLTRACE 2` trace made when first read (see above). */
export function decodeNativeLazy(bytes: Uint8Array): Trace {
  // A `PLTRACE 1` file (JSON) is decoded whole, as before; anything else fails there with its reason.
  if (!isNative(bytes)) return decodeNative(bytes);
  const r = new ByteReader(bytes, NATIVE_MAGIC.length);
  const header = JSON.parse(new TextDecoder().decode(r.take(r.uint()))) as Omit<Trace, 'promises' | 'jobs' | 'events'>;
  const strings = readStrings(r);
  const promises = readLazyTable(r, strings);
  const jobs = readLazyTable(r, strings);
  const n = r.uint();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = r.uint();
  const typeCount = r.uint();
  const tables: LazyTable[] = [];
  for (let t = 0; t < typeCount; t++) tables.push(readLazyTable(r, strings));
  if (r.offset !== bytes.length) throw new Error('bytes left over after the events');
  const within = new Uint32Array(n);
  const indexes = tables.map((table) => new Uint32Array(table.count));
  const next = new Uint32Array(typeCount);
  for (let i = 0; i < n; i++) {
    const t = order[i];
    if (t >= typeCount || next[t] >= tables[t].count)
      throw new Error('the event order does not match the event tables');
    indexes[t][next[t]] = i;
    within[i] = next[t]++;
  }
  const trace = {
    ...header,
    promises: lazyArray(promises.count, (i) => promises.row(i)),
    jobs: lazyArray(jobs.count, (i) => jobs.row(i)),
    events: lazyArray(n, (i) => tables[order[i]].row(within[i])),
  } as unknown as Trace;
  tablesOf.set(trace, { promises, jobs, events: new LazyEvents(n, tables, indexes) });
  return trace;
}
