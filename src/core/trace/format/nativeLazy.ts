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
import { Kind, readGaps } from './nativeColumns';
import { decodeNative, isNative, NATIVE_MAGIC } from './native';

type Row = Record<string, unknown>;

/** One field of every row of a table, read without making the rows. */
export interface Rows {
  readonly count: number;
  /** Calls `fn` with the value of `key` of each row that has it, in row order. */
  each(key: string, fn: (row: number, value: unknown) => void): void;
}

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

interface Column {
  get(k: number): unknown;
}

/** A column's values with its nulls: `at(i)` for row i of the column (not of the table). */
class Values {
  constructor(
    /** Per value, its index among the non-null ones, or -1 for null; undefined when none is null. */
    private readonly slot: Int32Array | undefined,
    private readonly kept: Column | undefined,
  ) {}

  at(i: number): unknown {
    if (this.slot === undefined) return this.kept!.get(i);
    const k = this.slot[i];
    return k === -1 ? null : this.kept!.get(k);
  }
}

/** Row (or value) i → its index among those kept by `mask`, -1 for those left out. */
function slots(mask: Uint8Array | undefined, n: number): { slot: Int32Array | undefined; m: number } {
  if (!mask) return { slot: undefined, m: n };
  const slot = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) slot[i] = mask[i] ? m++ : -1;
  return { slot, m };
}

function str(strings: readonly string[], code: number): string {
  const s = strings[code];
  if (s === undefined) throw new Error(`no string ${code}`);
  return s;
}

/** `readValues` of nativeColumns.ts, keeping the column in typed arrays and making each value on demand. */
function readLazyValues(r: ByteReader, strings: readonly string[], n: number): Values {
  const { slot, m } = slots(readGaps(r, n), n);
  return new Values(slot, m === 0 ? undefined : readColumn(r, strings, r.uint(), m));
}

function readColumn(r: ByteReader, strings: readonly string[], kind: number, m: number): Column {
  switch (kind) {
    case Kind.Const: {
      const value: unknown = JSON.parse(str(strings, r.uint()));
      return { get: () => value };
    }
    case Kind.Int: {
      const values = new Float64Array(m);
      let last = 0;
      for (let i = 0; i < m; i++) values[i] = last += r.int();
      return { get: (k) => values[k] };
    }
    case Kind.Float: {
      const values = new Float64Array(m);
      for (let i = 0; i < m; i++) values[i] = r.float();
      return { get: (k) => values[k] };
    }
    case Kind.Str: {
      const codes = readCodes(r, strings, m);
      return { get: (k) => strings[codes[k]] };
    }
    case Kind.Template:
      return readLazyTemplated(r, strings, m);
    case Kind.Bool: {
      const bits = r.take((m + 7) >> 3);
      return { get: (k) => (bits[k >> 3] & (1 << (k & 7))) !== 0 };
    }
    case Kind.Location: {
      const files = readCodes(r, strings, m);
      const lines = new Float64Array(m);
      let last = 0;
      for (let i = 0; i < m; i++) lines[i] = last += r.int();
      const columns = new Float64Array(m);
      for (let i = 0; i < m; i++) columns[i] = r.uint();
      return { get: (k) => ({ file: strings[files[k]], line: lines[k], column: columns[k] }) };
    }
    case Kind.List: {
      const offsets = new Float64Array(m + 1);
      for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i] + r.uint();
      const flat = readLazyValues(r, strings, offsets[m]);
      return {
        get: (k) => {
          const list = new Array<unknown>(offsets[k + 1] - offsets[k]);
          for (let j = 0; j < list.length; j++) list[j] = flat.at(offsets[k] + j);
          return list;
        },
      };
    }
    case Kind.Object: {
      const table = readLazyTable(r, strings);
      if (table.count !== m) throw new Error('a column of objects does not match its rows');
      return { get: (k) => table.row(k) };
    }
    case Kind.Json: {
      const codes = new Uint32Array(m);
      for (let i = 0; i < m; i++) {
        const code = (codes[i] = r.uint());
        if (code !== 0) str(strings, code - 1);
      }
      return { get: (k) => (codes[k] === 0 ? undefined : JSON.parse(strings[codes[k] - 1])) };
    }
    default:
      throw new Error(`unknown column kind ${kind}`);
  }
}

function readCodes(r: ByteReader, strings: readonly string[], m: number): Uint32Array {
  const codes = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const code = (codes[i] = r.uint());
    if (code >= strings.length) throw new Error(`no string ${code}`);
  }
  return codes;
}

/** `readTemplated` of nativeTemplates.ts: the numbers are read now (each is a delta), the strings made on demand. */
function readLazyTemplated(r: ByteReader, strings: readonly string[], m: number): Column {
  const HOLE = '\u0000';
  const codes = new Uint32Array(m);
  const starts = new Uint32Array(m + 1);
  const numbers: number[] = [];
  const split = new Map<number, string[]>();
  const last: number[] = [];
  for (let i = 0; i < m; i++) {
    const code = (codes[i] = r.uint());
    let parts = split.get(code);
    if (parts === undefined) split.set(code, (parts = str(strings, code).split(HOLE)));
    for (let k = 1; k < parts.length; k++) {
      const n = (last[k - 1] ?? 0) + r.int();
      last[k - 1] = n;
      numbers.push(n);
    }
    starts[i + 1] = numbers.length;
  }
  return {
    get: (k) => {
      const parts = split.get(codes[k])!;
      let text = parts[0];
      for (let j = 1, at = starts[k]; j < parts.length; j++, at++) text += numbers[at] + parts[j];
      return text;
    },
  };
}

interface TableColumn {
  key: string;
  /** Row → index among the rows that have the key, -1 where absent; undefined when every row has it. */
  slot: Int32Array | undefined;
  values: Values;
}

/** `readTable` of nativeColumns.ts, with rows made on demand by `row`. */
class LazyTable implements Rows {
  private readonly template: Row;

  constructor(
    readonly count: number,
    private readonly columns: TableColumn[],
  ) {
    const always: Row = {};
    for (const { key, slot } of columns)
      if (!slot) Object.defineProperty(always, key, { value: null, enumerable: true });
    this.template = JSON.parse(JSON.stringify(always)) as Row;
  }

  /** The row as `readTable` makes it: the same keys in the same order. */
  row(i: number): Row {
    const row = { ...this.template };
    for (const { key, slot, values } of this.columns) {
      let value: unknown;
      if (!slot) value = values.at(i);
      else if (slot[i] === -1) continue;
      else value = values.at(slot[i]);
      // From a file it is a key like any other, never the row's prototype.
      if (key === '__proto__')
        Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
      else row[key] = value;
    }
    return row;
  }

  each(key: string, fn: (row: number, value: unknown) => void): void {
    for (const column of this.columns) {
      if (column.key !== key) continue;
      const { slot, values } = column;
      if (!slot) for (let i = 0; i < this.count; i++) fn(i, values.at(i));
      else for (let i = 0; i < this.count; i++) if (slot[i] !== -1) fn(i, values.at(slot[i]));
    }
  }
}

function readLazyTable(r: ByteReader, strings: readonly string[]): LazyTable {
  const n = r.uint();
  const count = r.uint();
  const columns: TableColumn[] = [];
  for (let c = 0; c < count; c++) {
    const key = strings[r.uint()];
    if (key === undefined) throw new Error('a column without a name');
    const { slot, m } = slots(readGaps(r, n), n);
    columns.push({ key, slot, values: readLazyValues(r, strings, m) });
  }
  return new LazyTable(n, columns);
}

/** The events, stored as one table per type: a field of every event, in event order per table. */
class LazyEvents implements Rows {
  constructor(
    readonly count: number,
    private readonly tables: LazyTable[],
    /** Per table, the event index of each of its rows. */
    private readonly indexes: Uint32Array[],
  ) {}

  each(key: string, fn: (row: number, value: unknown) => void): void {
    this.tables.forEach((table, t) => {
      const index = this.indexes[t];
      table.each(key, (k, value) => fn(index[k], value));
    });
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
