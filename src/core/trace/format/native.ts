/**
 * The native format: what `promise-lens trace` writes by default, the panel sends to its page and the
 * exported page embeds. Binary: the line `PLTRACE 2`, the trace's top-level fields as JSON, one table of
 * every string, then the promises, the jobs and the events (split by type, so every table is uniform)
 * stored by column (`nativeColumns.ts`), written straight into one growing buffer. Decoding gives back
 * exactly the `Trace` it was made from, any field (including optional ones added to the model later)
 * included. A `PLTRACE 1` file (the JSON columns written before) still opens. Layout: docs/trace-format.md.
 */
import type { Trace, TraceEvent } from '../model';
import { ByteReader, ByteWriter, readStrings, StringTable, writeStrings } from './nativeBytes';
import { readTable, writeTable, type Decoder, type Encoder } from './nativeColumns';
import { decodeNativeV1, NATIVE_V1_MAGIC } from './nativeV1';
import type { TraceFormat } from './types';

export const NATIVE_MAGIC = 'PLTRACE 2\n';
const MAGIC_BYTES = Uint8Array.from(NATIVE_MAGIC, (c) => c.charCodeAt(0));

type Row = Record<string, unknown>;

/** True when `bytes` start with the binary format's first line. */
export function isNative(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC_BYTES.length) return false;
  for (let i = 0; i < MAGIC_BYTES.length; i++) if (bytes[i] !== MAGIC_BYTES[i]) return false;
  return true;
}

/** True when `bytes` start with the first native format's line (`PLTRACE 1`, JSON). */
export function isNativeV1(bytes: Uint8Array): boolean {
  for (let i = 0; i < NATIVE_V1_MAGIC.length; i++) if (bytes[i] !== NATIVE_V1_MAGIC.charCodeAt(i)) return false;
  return true;
}

export function encodeNative(trace: Trace): Uint8Array {
  const { promises, jobs, events, ...header } = trace;
  const body = new ByteWriter(1 << 20);
  const e: Encoder = { w: body, strings: new StringTable() };
  writeTable(e, promises as unknown as Row[]);
  writeTable(e, jobs as unknown as Row[]);
  const typeIndex = new Map<string, number>();
  const byType: Row[][] = [];
  body.uint(events.length);
  for (const event of events) {
    let t = typeIndex.get(event.type);
    if (t === undefined) {
      typeIndex.set(event.type, (t = byType.length));
      byType.push([]);
    }
    byType[t].push(event as unknown as Row);
    body.uint(t);
  }
  body.uint(byType.length);
  for (const rows of byType) writeTable(e, rows);

  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new ByteWriter(MAGIC_BYTES.length + head.length + 16);
  out.raw(MAGIC_BYTES);
  out.uint(head.length);
  out.raw(head);
  writeStrings(out, e.strings.list);
  out.raw(body.bytes.subarray(0, body.length));
  return out.finish();
}

export function decodeNative(bytes: Uint8Array): Trace {
  if (!isNative(bytes)) {
    if (isNativeV1(bytes)) return decodeNativeV1(new TextDecoder().decode(bytes));
    throw new Error('not a Promise Lens native trace (no PLTRACE 2 header)');
  }
  const r = new ByteReader(bytes, MAGIC_BYTES.length);
  const header = JSON.parse(new TextDecoder().decode(r.take(r.uint()))) as Omit<Trace, 'promises' | 'jobs' | 'events'>;
  const d: Decoder = { r, strings: readStrings(r) };
  const promises = readTable(d) as unknown as Trace['promises'];
  const jobs = readTable(d) as unknown as Trace['jobs'];
  const order = new Uint32Array(r.uint());
  for (let i = 0; i < order.length; i++) order[i] = r.uint();
  const tables: Row[][] = [];
  const typeCount = r.uint();
  for (let t = 0; t < typeCount; t++) tables.push(readTable(d));
  if (r.offset !== bytes.length) throw new Error('bytes left over after the events');
  const next = new Array<number>(typeCount).fill(0);
  const events = new Array<TraceEvent>(order.length);
  for (let i = 0; i < order.length; i++) {
    const t = order[i];
    const row = tables[t]?.[next[t]++];
    if (row === undefined) throw new Error('the event order does not match the event tables');
    events[i] = row as unknown as TraceEvent;
  }
  return { ...header, promises, jobs, events } as Trace;
}

/**
 * The bytes as text that survives JSON and HTML (the exported page embeds it): base64. The page reads it
 * back with `nativeFromBase64`.
 */
export function nativeToBase64(bytes: Uint8Array): string {
  const toBase64 = (bytes as unknown as { toBase64?: () => string }).toBase64;
  if (toBase64) return toBase64.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(parts.join(''));
}

export function nativeFromBase64(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64.call(Uint8Array, text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const nativeFormat: TraceFormat<Uint8Array> = {
  description: 'compact binary columns the extension loads fast (the default)',
  extension: '.pltrace',
  write: encodeNative,
  pieces: (trace) => [encodeNative(trace)],
};
