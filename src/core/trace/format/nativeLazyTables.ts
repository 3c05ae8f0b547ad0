/**
 * The tables of the native format read for `decodeNativeLazy` (nativeLazy.ts): each column is passed over
 * (skipping varints costs a fraction of decoding them) and decoded when first read, and a row is made
 * when asked for, as `readTable` of nativeColumns.ts makes it. A page reads a handful of a trace's
 * columns before it draws.
 */
import { ByteReader } from './nativeBytes';
import { Kind, readGaps } from './nativeColumns';

type Row = Record<string, unknown>;

/** One field of every row of a table, read without making the rows. */
export interface Rows {
  readonly count: number;
  /**
   * Calls `fn` with the value of `key` of each row that has it, in row order; with `only`, of the rows
   * where it is 1 (no other value is made).
   */
  each(key: string, fn: (row: number, value: unknown) => void, only?: Uint8Array): void;
  /** The value of `key` of each row where it is a number, written into `out` (a new array of NaN without it). */
  numbers(key: string, out?: Float64Array): Float64Array;
  /** `f` of the value of `key` of each row (undefined where absent), called once per value where it can. */
  classify(key: string, f: (v: unknown) => number): Uint8Array;
}

interface Column {
  get(k: number): unknown;
  /** Every value, for a column of numbers (Int, Float): read without a call per value. */
  numbers?(): Float64Array;
  /** `f` of every value, calling `f` once per distinct value (a column of strings, booleans, a constant). */
  classes?(f: (v: unknown) => number): Uint8Array;
}

/** `f` of each of `m` values, for the columns without a quicker way. */
function classesOf(column: Column, m: number, f: (v: unknown) => number): Uint8Array {
  if (column.classes) return column.classes(f);
  const out = new Uint8Array(m);
  for (let k = 0; k < m; k++) out[k] = f(column.get(k));
  return out;
}

/** A column decoded when first read; until then only its place in the bytes is known. */
function later(decode: () => Column): Column {
  let column: Column | undefined;
  const made = () => (column ??= decode());
  return { get: (k) => made().get(k) };
}

/** A column of numbers decoded when first read. */
function laterNumbers(decode: () => Float64Array): Column {
  let values: Float64Array | undefined;
  const numbers = () => (values ??= decode());
  return { get: (k) => numbers()[k], numbers };
}

/** Row (or value) i → its index among those a mask keeps, -1 for those left out; made when first needed. */
class Slots {
  private slot: Int32Array | undefined;
  readonly kept: number;

  constructor(private readonly mask: Uint8Array) {
    let m = 0;
    for (let i = 0; i < mask.length; i++) m += mask[i];
    this.kept = m;
  }

  get(): Int32Array {
    if (this.slot) return this.slot;
    const { mask } = this;
    const slot = new Int32Array(mask.length);
    for (let i = 0, m = 0; i < mask.length; i++) slot[i] = mask[i] ? m++ : -1;
    return (this.slot = slot);
  }
}

/** A column's values with its nulls: `at(i)` for value i of the column (not row i of the table). */
class Values {
  constructor(
    /** Which values are not null; undefined when none is null. */
    private readonly nulls: Slots | undefined,
    private readonly kept: Column | undefined,
  ) {}

  at(i: number): unknown {
    if (this.nulls === undefined) return this.kept!.get(i);
    const k = this.nulls.get()[i];
    return k === -1 ? null : this.kept!.get(k);
  }

  /** Writes value i into `out[to[i]]` (`out[i]` without `to`), for each of the first `count` that is a number. */
  numbers(count: number, out: Float64Array, to: Uint32Array | undefined): void {
    const { kept } = this;
    if (!kept) return;
    const all = kept.numbers?.();
    const slot = this.nulls?.get();
    if (all && !slot && !to) return out.set(all.subarray(0, count));
    for (let i = 0; i < count; i++) {
      const k = slot ? slot[i] : i;
      if (k === -1) continue;
      const v = all ? all[k] : kept.get(k);
      if (typeof v === 'number') out[to ? to[i] : i] = v;
    }
  }

  /** Writes `f(value i)` into `out[to[i]]` (`out[i]` without `to`) for each of the first `count` values. */
  classify(count: number, f: (v: unknown) => number, out: Uint8Array, to: Uint32Array | undefined): void {
    const { kept } = this;
    const slot = this.nulls?.get();
    const classes = kept && classesOf(kept, slot ? (this.nulls?.kept ?? 0) : count, f);
    const ofNull = slot ? f(null) : 0;
    for (let i = 0; i < count; i++) {
      const k = slot ? slot[i] : i;
      out[to ? to[i] : i] = k === -1 || !classes ? ofNull : classes[k];
    }
  }
}

function gaps(r: ByteReader, n: number): { slots: Slots | undefined; m: number } {
  const mask = readGaps(r, n);
  if (!mask) return { slots: undefined, m: n };
  const slots = new Slots(mask);
  return { slots, m: slots.kept };
}

function str(strings: readonly string[], code: number): string {
  const s = strings[code];
  if (s === undefined) throw new Error(`no string ${code}`);
  return s;
}

/** Past `m` varints, without decoding them. */
function skipVarints(r: ByteReader, m: number): void {
  const b = r.bytes;
  let p = r.offset;
  for (let count = 0; count < m; p++) {
    if (p >= b.length) throw new Error('the trace ends in the middle of a column');
    if (b[p] < 0x80) count++;
  }
  r.offset = p;
}

/** Past `m` string codes, each checked now (a bad one fails the decode, as in `decodeNative`). */
function skipCodes(r: ByteReader, m: number, limit: number): void {
  for (let i = 0; i < m; i++) {
    const code = r.uint();
    if (code >= limit) throw new Error(`no string ${code}`);
  }
}

function readCodes(r: ByteReader, m: number): Uint32Array {
  const codes = new Uint32Array(m);
  for (let i = 0; i < m; i++) codes[i] = r.uint();
  return codes;
}

/** `readValues` of nativeColumns.ts: which values are null, and the column, decoded when first read. */
function readLazyValues(r: ByteReader, strings: readonly string[], n: number): Values {
  const { slots, m } = gaps(r, n);
  return new Values(slots, m === 0 ? undefined : readColumn(r, strings, r.uint(), m));
}

/**
 * The column at `r`, which moves past it (skipping varints costs a fraction of decoding them); its
 * values are decoded when first read. A page reads a handful of a trace's columns before it draws.
 */
function readColumn(r: ByteReader, strings: readonly string[], kind: number, m: number): Column {
  const { bytes } = r;
  const at = r.offset;
  const reader = () => new ByteReader(bytes, at);
  switch (kind) {
    case Kind.Const: {
      const value: unknown = JSON.parse(str(strings, r.uint()));
      return { get: () => value, classes: (f) => new Uint8Array(m).fill(f(value)) };
    }
    case Kind.Int:
      skipVarints(r, m);
      return laterNumbers(() => {
        const d = reader();
        const values = new Float64Array(m);
        let last = 0;
        for (let i = 0; i < m; i++) values[i] = last += d.int();
        return values;
      });
    case Kind.Float:
      r.take(m * 8);
      return laterNumbers(() => {
        const d = reader();
        const values = new Float64Array(m);
        for (let i = 0; i < m; i++) values[i] = d.float();
        return values;
      });
    case Kind.Str: {
      skipCodes(r, m, strings.length);
      let codes: Uint32Array | undefined;
      const read = () => (codes ??= readCodes(reader(), m));
      return {
        get: (k) => strings[read()[k]],
        classes: (f) => {
          const all = read();
          const memo = new Int16Array(strings.length).fill(-1);
          const out = new Uint8Array(m);
          for (let k = 0; k < m; k++) {
            const code = all[k];
            out[k] = memo[code] === -1 ? (memo[code] = f(strings[code])) : memo[code];
          }
          return out;
        },
      };
    }
    case Kind.Template:
      return readLazyTemplated(r, strings, m);
    case Kind.Bool: {
      const bits = r.take((m + 7) >> 3);
      return {
        get: (k) => (bits[k >> 3] & (1 << (k & 7))) !== 0,
        classes: (f) => {
          const yes = f(true);
          const no = f(false);
          const out = new Uint8Array(m);
          for (let k = 0; k < m; k++) out[k] = (bits[k >> 3] & (1 << (k & 7))) !== 0 ? yes : no;
          return out;
        },
      };
    }
    case Kind.Location:
      skipCodes(r, m, strings.length);
      skipVarints(r, 2 * m);
      return later(() => {
        const d = reader();
        const files = readCodes(d, m);
        const lines = new Float64Array(m);
        let last = 0;
        for (let i = 0; i < m; i++) lines[i] = last += d.int();
        const columns = new Float64Array(m);
        for (let i = 0; i < m; i++) columns[i] = d.uint();
        return { get: (k) => ({ file: strings[files[k]], line: lines[k], column: columns[k] }) };
      });
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
    case Kind.Json:
      skipCodes(r, m, strings.length + 1);
      return later(() => {
        const codes = readCodes(reader(), m);
        return { get: (k) => (codes[k] === 0 ? undefined : JSON.parse(strings[codes[k] - 1])) };
      });
    default:
      throw new Error(`unknown column kind ${kind}`);
  }
}

/**
 * `readTemplated` of nativeTemplates.ts. A row holds as many numbers as its template has holes, so
 * passing the column reads the codes; the numbers (deltas from the row before) are added up, and the
 * strings made, when first read.
 */
function readLazyTemplated(r: ByteReader, strings: readonly string[], m: number): Column {
  const HOLE = '\u0000';
  const parts: (string[] | undefined)[] = [];
  const partsOf = (code: number): string[] => (parts[code] ??= str(strings, code).split(HOLE));
  const { bytes } = r;
  const at = r.offset;
  let total = 0;
  let widest = 0;
  for (let i = 0; i < m; i++) {
    const holes = partsOf(r.uint()).length - 1;
    skipVarints(r, holes);
    total += holes;
    if (holes > widest) widest = holes;
  }
  return later(() => {
    const d = new ByteReader(bytes, at);
    const codes = new Uint32Array(m);
    const starts = new Uint32Array(m + 1);
    const numbers = new Float64Array(total);
    // Each number is a delta from the one at the same place in the row before (0 before the first).
    const last = new Float64Array(widest);
    let n = 0;
    for (let i = 0; i < m; i++) {
      const code = (codes[i] = d.uint());
      const holes = parts[code]!.length - 1;
      for (let k = 0; k < holes; k++) numbers[n++] = last[k] += d.int();
      starts[i + 1] = n;
    }
    return {
      get: (k) => {
        const split = parts[codes[k]]!;
        let text = split[0];
        for (let j = 1, at = starts[k]; j < split.length; j++, at++) text += numbers[at] + split[j];
        return text;
      },
    };
  });
}

interface TableColumn {
  key: string;
  /** Which rows have the key; undefined when every row has it. */
  rows: Slots | undefined;
  values: Values;
}

/** `readTable` of nativeColumns.ts, with rows made on demand by `row`. */
export class LazyTable implements Rows {
  private readonly template: Row;

  constructor(
    readonly count: number,
    private readonly columns: TableColumn[],
  ) {
    const always: Row = {};
    for (const { key, rows } of columns)
      if (!rows) Object.defineProperty(always, key, { value: null, enumerable: true });
    this.template = JSON.parse(JSON.stringify(always)) as Row;
  }

  /** The row as `readTable` makes it: the same keys in the same order. */
  row(i: number): Row {
    const row = { ...this.template };
    for (const { key, rows, values } of this.columns) {
      let value: unknown;
      if (!rows) value = values.at(i);
      else {
        const k = rows.get()[i];
        if (k === -1) continue;
        value = values.at(k);
      }
      // From a file it is a key like any other, never the row's prototype.
      if (key === '__proto__')
        Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
      else row[key] = value;
    }
    return row;
  }

  each(key: string, fn: (row: number, value: unknown) => void, only?: Uint8Array): void {
    for (const { key: name, rows, values } of this.columns) {
      if (name !== key) continue;
      const slot = rows?.get();
      for (let i = 0; i < this.count; i++) {
        if (only && !only[i]) continue;
        const k = slot ? slot[i] : i;
        if (k !== -1) fn(i, values.at(k));
      }
    }
  }

  numbers(key: string, out = new Float64Array(this.count).fill(Number.NaN)): Float64Array {
    this.numbersInto(key, out, undefined);
    return out;
  }

  classify(key: string, f: (v: unknown) => number): Uint8Array {
    const out = new Uint8Array(this.count).fill(f(undefined));
    this.classifyInto(key, f, out, undefined);
    return out;
  }

  /** The numbers of `key`, row i's written at `out[index[i]]` (at `out[i]` without `index`). */
  numbersInto(key: string, out: Float64Array, index: Uint32Array | undefined): void {
    const column = this.columns.find((c) => c.key === key);
    if (column) column.values.numbers(column.rows?.kept ?? this.count, out, this.targets(column, index));
  }

  /** `classify`, row i's class written at `out[index[i]]` (at `out[i]` without `index`). */
  classifyInto(key: string, f: (v: unknown) => number, out: Uint8Array, index: Uint32Array | undefined): void {
    const column = this.columns.find((c) => c.key === key);
    if (column) column.values.classify(column.rows?.kept ?? this.count, f, out, this.targets(column, index));
  }

  /** Where each value of the column goes in an output of rows placed by `index`. */
  private targets(column: TableColumn, index: Uint32Array | undefined): Uint32Array | undefined {
    if (!column.rows) return index;
    // Value k is that of the k-th row that has the key.
    const slot = column.rows.get();
    const to = new Uint32Array(column.rows.kept);
    for (let i = 0; i < this.count; i++) if (slot[i] !== -1) to[slot[i]] = index ? index[i] : i;
    return to;
  }
}

export function readLazyTable(r: ByteReader, strings: readonly string[]): LazyTable {
  const n = r.uint();
  const count = r.uint();
  const columns: TableColumn[] = [];
  for (let c = 0; c < count; c++) {
    const key = strings[r.uint()];
    if (key === undefined) throw new Error('a column without a name');
    const { slots, m } = gaps(r, n);
    columns.push({ key, rows: slots, values: readLazyValues(r, strings, m) });
  }
  return new LazyTable(n, columns);
}
