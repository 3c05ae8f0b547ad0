/**
 * The native format: what `promise-lens trace` writes by default and the extension loads fast.
 * A first line `PLTRACE 1` and then one JSON document that stores the trace's tables by column:
 * numbers stay flat arrays, repeated strings (kinds, tasks, labels) become a dictionary and codes,
 * locations become triples over one table of file names, and events are split by type so that
 * every table is uniform. Decoding gives back exactly the `Trace` it was made from, any field
 * (including optional ones added to the model later) included. Layout: docs/trace-format.md.
 */
import type { Trace, TraceEvent } from '../model';
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
 * the order in which their keys first appear.
 */
function encodeTable(rows: readonly Row[], files: Files): Table {
  const n = rows.length;
  const gathered = new Map<string, Gathered>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    for (const key in row) {
      if (!Object.hasOwn(row, key)) continue;
      let g = gathered.get(key);
      if (g === undefined) {
        g = { values: new Array<unknown>(n), missing: [], present: 0, allLocations: true, allStrings: true };
        for (let j = 0; j < i; j++) g.missing.push(j);
        gathered.set(key, g);
      } else {
        for (let j = g.present + g.missing.length; j < i; j++) g.missing.push(j);
      }
      const v = row[key];
      g.values[i] = v;
      g.present++;
      if (g.allLocations && v !== null && !isLocation(v)) g.allLocations = false;
      if (g.allStrings && typeof v !== 'string') g.allStrings = false;
    }
  }
  const cols: Column[] = [];
  for (const [k, g] of gathered) {
    for (let j = g.present + g.missing.length; j < n; j++) g.missing.push(j);
    cols.push(encodeColumn(k, g, files));
  }
  return { n, cols };
}

function encodeColumn(k: string, g: Gathered, files: Files): Column {
  const { values, missing } = g;
  const col: Column = { k };
  if (missing.length > 0) col.m = missing;
  if (g.present > 0 && g.allLocations) {
    col.l = [];
    for (const v of values) {
      if (isLocation(v)) col.l.push(files.of(v.file), v.line, v.column);
      else col.l.push(-1, 0, 0);
    }
  } else if (g.present > 0 && g.allStrings) {
    const dict = new Map<unknown, number>();
    const codes: number[] = new Array(values.length);
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
      col.v = Array.from(values, (v) => v ?? null);
    }
  } else {
    col.v = Array.from(values, (v) => (v === undefined ? null : v));
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
  const byType = new Map<string, Row[]>();
  const order = events.map((event) => {
    let rows = byType.get(event.type);
    if (!rows) {
      rows = [];
      byType.set(event.type, rows);
      types.push(event.type);
    }
    rows.push(event as unknown as Row);
    return types.indexOf(event.type);
  });
  const document: NativeDocument = {
    header,
    files: [],
    promises: encodeTable(promises as unknown as Row[], files),
    jobs: encodeTable(jobs as unknown as Row[], files),
    events: { types, order, tables: types.map((type) => encodeTable(byType.get(type)!, files)) },
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
