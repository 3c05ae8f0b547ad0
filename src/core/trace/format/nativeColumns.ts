/**
 * Tables of rows stored by column, for the binary native format (`native.ts`). A column's kind is
 * chosen from its values: integers as zigzag deltas (ids, steps and times grow: deltas take a byte),
 * strings as codes into the one string table, locations as three int columns, booleans as bits,
 * lists and nested objects as columns of their own, and JSON text for anything else, so any field,
 * present or absent, round-trips. Layout: docs/trace-format.md.
 */
import { ByteReader, ByteWriter, MAX_INT, StringTable } from './nativeBytes';
import { readTemplated, templated, writeTemplated } from './nativeTemplates';

type Row = Record<string, unknown>;

export const enum Kind {
  /** Every value the same string, boolean or integer: written once, as JSON text. */
  Const = 0,
  Int = 1,
  Float = 2,
  Str = 3,
  Bool = 4,
  Location = 5,
  List = 6,
  Object = 7,
  /** Anything else: a code per value, 0 for `undefined`, else 1 + the code of its JSON text. */
  Json = 8,
  /** Strings that differ in their numbers (`Promise #4 fulfilled at step 1017`): a template and ints. */
  Template = 9,
}

export interface Encoder {
  w: ByteWriter;
  strings: StringTable;
}

export interface Decoder {
  r: ByteReader;
  strings: readonly string[];
}

const isInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v <= MAX_INT && v >= -MAX_INT && !Object.is(v, -0);

function isLocation(v: unknown): v is { file: string; line: number; column: number } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Row;
  if (typeof o.file !== 'string' || !isInt(o.line) || !isInt(o.column) || o.column < 0) return false;
  let keys = 0;
  for (const key in o) if (Object.hasOwn(o, key)) keys++;
  return keys === 3;
}

/**
 * Which rows of `n` are left out (absent keys, nulls): none, a list of those left out, or a list of those
 * kept, whichever is shorter; indices as deltas.
 */
function writeGaps(w: ByteWriter, n: number, out: readonly number[]): void {
  if (out.length === 0) return w.uint(0);
  const listKept = out.length * 2 > n;
  w.uint(listKept ? 2 : 1);
  let list = out;
  if (listKept) {
    const kept: number[] = [];
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (j < out.length && out[j] === i) j++;
      else kept.push(i);
    }
    list = kept;
  }
  w.uint(list.length);
  let last = -1;
  for (const i of list) {
    w.uint(i - last - 1);
    last = i;
  }
}

/** The rows kept, as a mask (1 = kept), or undefined when all are. */
export function readGaps(r: ByteReader, n: number): Uint8Array | undefined {
  const mode = r.uint();
  if (mode === 0) return undefined;
  if (mode !== 1 && mode !== 2) throw new Error(`unknown row list ${mode}`);
  const mask = new Uint8Array(n).fill(mode === 1 ? 1 : 0);
  const count = r.uint();
  let i = -1;
  for (let k = 0; k < count; k++) {
    i += r.uint() + 1;
    if (i >= n) throw new Error('a row list points past its table');
    mask[i] = mode === 1 ? 0 : 1;
  }
  return mask;
}

/**
 * The rows that are null, and the one kind that fits every other value. One loop per kind of the first
 * value (a column is nearly always all one kind): a trace's columns hold millions of values.
 */
function kindOf(values: readonly unknown[]): { kind: Kind; nulls: number[] } {
  const nulls: number[] = [];
  const n = values.length;
  let i = 0;
  while (i < n && values[i] === null) nulls.push(i++);
  const first = values[i];
  const start = i;
  let same = true;
  const mixed = () => {
    for (; i < n; i++) if (values[i] === null) nulls.push(i);
    return { kind: Kind.Json, nulls };
  };
  switch (typeof first) {
    case 'number': {
      let ints = true;
      for (; i < n; i++) {
        const v = values[i];
        if (v === null) nulls.push(i);
        else if (typeof v !== 'number') return mixed();
        else {
          if (v !== first) same = false;
          if (ints && !isInt(v)) ints = false;
        }
      }
      const kind = !ints ? Kind.Float : same && n - nulls.length > 1 ? Kind.Const : Kind.Int;
      return { kind, nulls };
    }
    case 'string':
    case 'boolean': {
      const type = typeof first;
      for (; i < n; i++) {
        const v = values[i];
        if (v === null) nulls.push(i);
        else if (typeof v !== type) return mixed();
        else if (v !== first) same = false;
      }
      const kind = same && n - nulls.length > 1 ? Kind.Const : type === 'string' ? Kind.Str : Kind.Bool;
      return { kind, nulls };
    }
    case 'object': {
      const lists = Array.isArray(first);
      let locations = !lists;
      for (; i < n; i++) {
        const v = values[i];
        if (v === null) nulls.push(i);
        else if (typeof v !== 'object' || Array.isArray(v) !== lists) return mixed();
        else if (locations && !isLocation(v)) locations = false;
      }
      return { kind: lists ? Kind.List : locations ? Kind.Location : Kind.Object, nulls };
    }
    default:
      if (start === n) return { kind: Kind.Json, nulls };
      return mixed();
  }
}

/** Strings as their codes; a run of the same string (a file name, a label) looks it up once. */
function writeCodes(e: Encoder, values: readonly string[]): void {
  let last: string | undefined;
  let code = 0;
  for (const v of values) {
    if (v !== last) {
      code = e.strings.code(v);
      last = v;
    }
    e.w.uint(code);
  }
}

/** A column of `values` (nulls allowed): which are null, then the rest in the kind that fits them. */
export function writeValues(e: Encoder, values: readonly unknown[]): void {
  const { w } = e;
  const shape = kindOf(values);
  const { nulls } = shape;
  let { kind } = shape;
  writeGaps(w, values.length, nulls);
  const kept = nulls.length === 0 ? values : values.filter((v) => v !== null);
  if (kept.length === 0) return;
  const templates = kind === Kind.Str ? templated(kept as string[]) : undefined;
  if (templates) kind = Kind.Template;
  w.uint(kind);
  switch (kind) {
    case Kind.Const:
      return w.uint(e.strings.code(JSON.stringify(kept[0])));
    case Kind.Int:
      return w.deltas(kept as number[]);
    case Kind.Float:
      for (const v of kept as number[]) w.float(v);
      return;
    case Kind.Str:
      return writeCodes(e, kept as string[]);
    case Kind.Template:
      return writeTemplated(e, templates!);
    case Kind.Bool: {
      w.ensure((kept.length + 7) >> 3);
      for (let i = 0; i < kept.length; i += 8) {
        let byte = 0;
        for (let b = 0; b < 8 && i + b < kept.length; b++) if (kept[i + b]) byte |= 1 << b;
        w.bytes[w.length++] = byte;
      }
      return;
    }
    case Kind.Location: {
      const locations = kept as { file: string; line: number; column: number }[];
      writeCodes(
        e,
        locations.map((l) => l.file),
      );
      w.deltas(locations.map((l) => l.line));
      for (const l of locations) w.uint(l.column);
      return;
    }
    case Kind.List: {
      const flat: unknown[] = [];
      for (const list of kept as unknown[][]) {
        w.uint(list.length);
        for (const item of list) flat.push(item);
      }
      return writeValues(e, flat);
    }
    case Kind.Object:
      return writeTable(e, kept as Row[]);
    case Kind.Json:
      for (const v of kept) w.uint(v === undefined ? 0 : 1 + e.strings.code(JSON.stringify(v)));
      return;
  }
}

export function readValues(d: Decoder, n: number): unknown[] {
  const { r, strings } = d;
  const mask = readGaps(r, n);
  let m = n;
  if (mask) {
    m = 0;
    for (let i = 0; i < n; i++) m += mask[i];
  }
  const kept = m === 0 ? [] : readKind(d, r.uint(), m);
  if (!mask) return kept;
  const values = new Array<unknown>(n);
  for (let i = 0, k = 0; i < n; i++) values[i] = mask[i] ? kept[k++] : null;
  return values;
  function str(code: number): string {
    const s = strings[code];
    if (s === undefined) throw new Error(`no string ${code}`);
    return s;
  }
  function readKind(d: Decoder, kind: number, m: number): unknown[] {
    const out = new Array<unknown>(m);
    switch (kind) {
      case Kind.Const:
        return out.fill(JSON.parse(str(r.uint())));
      case Kind.Int: {
        let last = 0;
        for (let i = 0; i < m; i++) out[i] = last += r.int();
        return out;
      }
      case Kind.Float:
        for (let i = 0; i < m; i++) out[i] = r.float();
        return out;
      case Kind.Str:
        for (let i = 0; i < m; i++) out[i] = str(r.uint());
        return out;
      case Kind.Template:
        return readTemplated(r, str, m);
      case Kind.Bool: {
        const bits = r.take((m + 7) >> 3);
        for (let i = 0; i < m; i++) out[i] = (bits[i >> 3] & (1 << (i & 7))) !== 0;
        return out;
      }
      case Kind.Location: {
        const files = new Array<string>(m);
        for (let i = 0; i < m; i++) files[i] = str(r.uint());
        const lines = new Array<number>(m);
        let last = 0;
        for (let i = 0; i < m; i++) lines[i] = last += r.int();
        for (let i = 0; i < m; i++) out[i] = { file: files[i], line: lines[i], column: r.uint() };
        return out;
      }
      case Kind.List: {
        const lengths = new Array<number>(m);
        let total = 0;
        for (let i = 0; i < m; i++) total += lengths[i] = r.uint();
        const flat = readValues(d, total);
        for (let i = 0, at = 0; i < m; i++) {
          out[i] = flat.slice(at, at + lengths[i]);
          at += lengths[i];
        }
        return out;
      }
      case Kind.Object: {
        const rows = readTable(d);
        if (rows.length !== m) throw new Error('a column of objects does not match its rows');
        return rows;
      }
      case Kind.Json:
        for (let i = 0; i < m; i++) {
          const code = r.uint();
          out[i] = code === 0 ? undefined : JSON.parse(str(code - 1));
        }
        return out;
      default:
        throw new Error(`unknown column kind ${kind}`);
    }
  }
}

interface Gathered {
  key: string;
  values: unknown[];
  count: number;
  /** The last row that had this key, to list the rows between that did not. */
  last: number;
  absent: number[];
}

/**
 * Rows as their count and columns: each column its key, the rows without that key, and the values of
 * the rows with it. One pass over the rows gathers the columns in the order their keys first appear,
 * reading each value as `for...in` reaches its key (V8's fastest way to read an object's fields); a
 * row with the keys of the row before, the common case, looks no key up. Inherited keys are not the
 * row's: they are checked for only where a row's keys differ from the row before.
 */
export function writeTable(e: Encoder, rows: readonly Row[]): void {
  const n = rows.length;
  const byKey = new Map<string, Gathered>();
  const shape: string[] = [];
  const columns: Gathered[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    let c = 0;
    for (const key in row) {
      if (shape[c] !== key) {
        if (!Object.hasOwn(row, key)) continue;
        shape[c] = key;
        let column = byKey.get(key);
        if (column === undefined) {
          column = { key, values: new Array<unknown>(n), count: 0, last: -1, absent: [] };
          byKey.set(key, column);
        }
        columns[c] = column;
      }
      const column = columns[c++];
      if (column.last !== i - 1) for (let j = column.last + 1; j < i; j++) column.absent.push(j);
      column.last = i;
      column.values[column.count++] = row[key];
    }
    if (shape.length !== c) {
      shape.length = c;
      columns.length = c;
    }
  }
  const { w } = e;
  w.uint(n);
  w.uint(byKey.size);
  for (const column of byKey.values()) {
    for (let j = column.last + 1; j < n; j++) column.absent.push(j);
    column.values.length = column.count;
    w.uint(e.strings.code(column.key));
    writeGaps(w, n, column.absent);
    writeValues(e, column.values);
  }
}

/**
 * Rows are made as copies of one object that has the keys every row has (from `JSON.parse`, so its
 * properties sit inside the object): no row grows key by key, which would reallocate each row's
 * property store several times over (a promise has a dozen keys). Keys only some rows have follow.
 */
export function readTable(d: Decoder): Row[] {
  const { r, strings } = d;
  const n = r.uint();
  const count = r.uint();
  const columns: { key: string; mask: Uint8Array | undefined; values: unknown[] }[] = [];
  for (let c = 0; c < count; c++) {
    const key = strings[r.uint()];
    if (key === undefined) throw new Error('a column without a name');
    const mask = readGaps(r, n);
    let m = n;
    if (mask) {
      m = 0;
      for (let i = 0; i < n; i++) m += mask[i];
    }
    columns.push({ key, mask, values: readValues(d, m) });
  }
  const always: Row = {};
  for (const { key, mask } of columns) if (!mask) Object.defineProperty(always, key, { value: null, enumerable: true });
  const template = JSON.parse(JSON.stringify(always)) as Row;
  const rows = new Array<Row>(n);
  for (let i = 0; i < n; i++) rows[i] = { ...template };
  for (const { key, mask, values } of columns) {
    if (key === '__proto__') {
      // From a file it is a key like any other, never the row's prototype.
      for (let i = 0, k = 0; i < n; i++) {
        if (mask && !mask[i]) continue;
        Object.defineProperty(rows[i], key, {
          value: values[k++],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    } else if (!mask) for (let i = 0; i < n; i++) rows[i][key] = values[i];
    else for (let i = 0, k = 0; i < n; i++) if (mask[i]) rows[i][key] = values[k++];
  }
  return rows;
}
