/**
 * Reading the first native format (`PLTRACE 1`, written until the binary `PLTRACE 2`): a line and one
 * JSON document of column tables. Kept so that traces saved before still open; nothing writes it now.
 */
import type { Trace, TraceEvent } from '../model';

export const NATIVE_V1_MAGIC = 'PLTRACE 1\n';

type Row = Record<string, unknown>;

interface Column {
  k: string;
  v?: unknown[];
  d?: unknown[];
  c?: number[];
  l?: number[];
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

export function decodeNativeV1(text: string): Trace {
  if (!text.startsWith(NATIVE_V1_MAGIC)) throw new Error('not a PLTRACE 1 trace');
  const document = JSON.parse(text.slice(NATIVE_V1_MAGIC.length)) as NativeDocument;
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
