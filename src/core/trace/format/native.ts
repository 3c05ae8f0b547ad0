/**
 * The native format: what `promise-lens trace` writes by default and the extension loads fast.
 * A first line `PLTRACE 1` and then one JSON document that stores the trace's tables by column:
 * numbers stay flat arrays, repeated strings (kinds, tasks, labels) become a dictionary and codes,
 * locations become triples over one table of file names, and events are split by type so that
 * every table is uniform. Decoding gives back exactly the `Trace` it was made from, any field
 * (including optional ones added to the model later) included. Layout: docs/trace-format.md.
 */
import type { SourceLocation, Trace, TraceEvent } from '../model';
import type { TraceFormat } from './types';

export const NATIVE_MAGIC = 'PLTRACE 1\n';

type Row = Record<string, unknown>;

/** One column of a table. Exactly one of v (plain values), d+c (dictionary), l (locations) is set. */
interface Column {
  k: string;
  v?: unknown[];
  d?: unknown[];
  c?: number[];
  l?: number[];
  /** Rows that do not have this key at all (an optional field). */
  m?: number[];
}

interface Table {
  n: number;
  cols: Column[];
}

interface NativeDocument {
  header: Omit<Trace, 'promises' | 'jobs' | 'events'>;
  files: string[];
  promises: Table;
  jobs: Table;
  events: { types: string[]; order: number[]; tables: Table[] };
}

function isLocation(value: unknown): value is { file: string; line: number; column: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Row;
  if (typeof v.file !== 'string' || typeof v.line !== 'number' || typeof v.column !== 'number') return false;
  let keys = 0;
  for (const key in v) if (Object.hasOwn(v, key)) keys++;
  return keys === 3;
}

class Files {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(file: string): number {
    let i = this.index.get(file);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(file);
      this.index.set(file, i);
    }
    return i;
  }
}

/** A column being gathered row by row. */
interface Gathered {
  values: unknown[];
  missing: number[];
  present: number;
  allLocations: boolean;
  allStrings: boolean;
}

/**
 * One pass over the rows (a trace can hold millions), each row's own keys read once; columns keep
 * the order in which their keys first appear. Rows of a table mostly have the same keys in the same
 * order: a key where the row before had it reuses that row's column without looking it up.
 */
function encodeTable(rows: readonly Row[], files: Files): Table {
  const n = rows.length;
  const gathered = new Map<string, Gathered>();
  const columnOf = (key: string): Gathered => {
    let g = gathered.get(key);
    if (g === undefined) {
      g = { values: new Array<unknown>(n), missing: [], present: 0, allLocations: true, allStrings: true };
      gathered.set(key, g);
    }
    return g;
  };
  // The keys of the row before, and their columns: `obj[key]` inside `for...in` is V8's fast path.
  const shape: string[] = [];
  const columns: Gathered[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    let c = 0;
    for (const key in row) {
      if (!Object.hasOwn(row, key)) continue;
      if (shape[c] !== key) {
        shape[c] = key;
        columns[c] = columnOf(key);
      }
      const g = columns[c++];
      for (let j = g.present + g.missing.length; j < i; j++) g.missing.push(j);
      const v = row[key];
      g.values[i] = v;
      g.present++;
      if (g.allLocations && v !== null && !isLocation(v)) g.allLocations = false;
      if (g.allStrings && typeof v !== 'string') g.allStrings = false;
    }
    if (shape.length !== c) {
      shape.length = c;
      columns.length = c;
    }
  }
  const cols: Column[] = [];
  for (const [k, g] of gathered) {
    for (let j = g.present + g.missing.length; j < n; j++) g.missing.push(j);
    cols.push(encodeColumn(k, g, files));
  }
  return { n, cols };
}

/** `JSON.stringify` writes a missing element of an array as `null`: the gathered values go out as they are. */
function encodeColumn(k: string, g: Gathered, files: Files): Column {
  const { values, missing } = g;
  const col: Column = { k };
  if (missing.length > 0) col.m = missing;
  if (g.present > 0 && g.allLocations) {
    const l = new Array<number>(values.length * 3);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as SourceLocation | null | undefined;
      l[i * 3] = v ? files.of(v.file) : -1;
      l[i * 3 + 1] = v ? v.line : 0;
      l[i * 3 + 2] = v ? v.column : 0;
    }
    col.l = l;
  } else if (g.present > 0 && g.allStrings) {
    const dict = new Map<unknown, number>();
    const codes = new Array<number>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let code = dict.get(v);
      if (code === undefined) dict.set(v, (code = dict.size));
      codes[i] = code;
    }
    if (dict.size * 2 <= values.length) {
      col.d = [...dict.keys()];
      col.c = codes;
    } else {
      col.v = values;
    }
  } else {
    col.v = values;
  }
  return col;
}

function decodeTable(table: Table, files: readonly string[]): Row[] {
  const rows: Row[] = new Array(table.n);
  for (let i = 0; i < table.n; i++) rows[i] = {};
  for (const col of table.cols) {
    const missing = col.m ? new Set(col.m) : undefined;
    const { k } = col;
    for (let i = 0; i < table.n; i++) {
      if (missing?.has(i)) continue;
      let value: unknown;
      if (col.l) {
        const f = col.l[i * 3];
        value = f < 0 ? null : { file: files[f], line: col.l[i * 3 + 1], column: col.l[i * 3 + 2] };
      } else if (col.c) {
        value = col.d![col.c[i]];
      } else {
        value = col.v![i];
      }
      rows[i][k] = value;
    }
  }
  return rows;
}

export function encodeNative(trace: Trace): string {
  const { promises, jobs, events, ...header } = trace;
  const files = new Files();
  const types: string[] = [];
  const byType: Row[][] = [];
  const typeIndex = new Map<string, number>();
  const order = new Array<number>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    let t = typeIndex.get(event.type);
    if (t === undefined) {
      t = types.length;
      typeIndex.set(event.type, t);
      types.push(event.type);
      byType.push([]);
    }
    byType[t].push(event as unknown as Row);
    order[i] = t;
  }
  const document: NativeDocument = {
    header,
    files: [],
    promises: encodeTable(promises as unknown as Row[], files),
    jobs: encodeTable(jobs as unknown as Row[], files),
    events: { types, order, tables: byType.map((rows) => encodeTable(rows, files)) },
  };
  document.files = files.list;
  return NATIVE_MAGIC + JSON.stringify(document);
}

export function decodeNative(text: string): Trace {
  if (!text.startsWith(NATIVE_MAGIC)) throw new Error('not a Promise Lens native trace (no PLTRACE 1 header)');
  const document = JSON.parse(text.slice(NATIVE_MAGIC.length)) as NativeDocument;
  const { files } = document;
  const tables = document.events.tables.map((table) => decodeTable(table, files));
  const next = tables.map(() => 0);
  const events = document.events.order.map((t) => tables[t][next[t]++] as unknown as TraceEvent);
  return {
    ...document.header,
    promises: decodeTable(document.promises, files) as unknown as Trace['promises'],
    jobs: decodeTable(document.jobs, files) as unknown as Trace['jobs'],
    events,
  } as Trace;
}

export const nativeFormat: TraceFormat = {
  description: 'compact columnar JSON the extension loads fast (the default)',
  extension: '.pltrace',
  write: encodeNative,
};
