/**
 * The fields of every promise, job and event that the layout scans, in typed arrays indexed like
 * `trace.promises`, `trace.jobs` and `trace.events`. A trace from `decodeNativeLazy` gives them
 * straight from its columns, so laying out a million events makes no event object; any other trace is
 * read in one pass over its rows. A missing number (a `null`, an absent key) is NaN.
 */
import type { Trace, TraceEvent } from '../trace/model';
import { nativeTables, type Rows } from '../trace/format/nativeLazy';
import { LANE_ORDER } from './layout';

/** Event types as codes (`eventType`); 255 for a type this version does not know. */
export const EVENT_TYPES: readonly TraceEvent['type'][] = [
  'promise',
  'settle',
  'enqueue',
  'job-start',
  'job-end',
  'console',
  'unhandled',
];
export const UNKNOWN = 255;

export interface TraceColumns {
  promiseId: Float64Array;
  promiseCreated: Float64Array;
  promiseSettled: Float64Array;
  /** The id of the promise it derives from. */
  promiseParent: Float64Array;
  /** `awaitIn`: the async function's promise id. */
  promiseAwaitIn: Float64Array;
  /** 1 for Node's own. */
  promiseInternal: Uint8Array;
  /** 1 where the kind is `await`. */
  promiseAwait: Uint8Array;
  jobId: Float64Array;
  /** Index into LANE_ORDER; `other` for a task this version does not know. */
  jobTask: Uint8Array;
  jobEnqueued: Float64Array;
  jobStarted: Float64Array;
  jobEnded: Float64Array;
  jobInternal: Uint8Array;
  /** The promise whose reaction the job runs. */
  jobPromise: Float64Array;
  /** Index into EVENT_TYPES, or UNKNOWN. */
  eventType: Uint8Array;
  eventSeq: Float64Array;
  /** A finite time, else NaN. */
  eventTime: Float64Array;
  /** The promise (promise, settle, unhandled) or job (enqueue, job-start, job-end) it is about. */
  eventRef: Float64Array;
  /** 1 for an `enqueue` of Node's own code. */
  eventInternal: Uint8Array;
  /** What it reads a field of every row with: the native columns or the rows. */
  tables: { promises: Rows; jobs: Rows; events: Rows };
}

function objectRows(rows: readonly object[]): Rows {
  return {
    count: rows.length,
    each(key, fn) {
      for (let i = 0; i < rows.length; i++) fn(i, (rows[i] as Record<string, unknown>)[key]);
    },
  };
}

function numbers(rows: Rows, key: string): Float64Array {
  const out = new Float64Array(rows.count).fill(Number.NaN);
  rows.each(key, (i, v) => {
    if (typeof v === 'number') out[i] = v;
  });
  return out;
}

function flags(rows: Rows, key: string, test: (v: unknown) => boolean = Boolean): Uint8Array {
  const out = new Uint8Array(rows.count);
  rows.each(key, (i, v) => {
    if (test(v)) out[i] = 1;
  });
  return out;
}

function codes(rows: Rows, key: string, list: readonly string[], missing: number): Uint8Array {
  const out = new Uint8Array(rows.count).fill(missing);
  const index = new Map(list.map((name, i) => [name, i]));
  rows.each(key, (i, v) => {
    out[i] = index.get(v as string) ?? missing;
  });
  return out;
}

const cache = new WeakMap<Trace, TraceColumns>();

/** The columns of a trace, read once per trace (a trace is not changed once it is shown). */
export function traceColumns(trace: Trace): TraceColumns {
  let made = cache.get(trace);
  if (made) return made;
  const tables = nativeTables(trace) ?? {
    promises: objectRows(trace.promises),
    jobs: objectRows(trace.jobs),
    events: objectRows(trace.events),
  };
  const { promises, jobs, events } = tables;
  const eventRef = numbers(events, 'promise');
  events.each('job', (i, v) => {
    if (typeof v === 'number') eventRef[i] = v;
  });
  const eventTime = numbers(events, 'time');
  for (let i = 0; i < eventTime.length; i++) if (!Number.isFinite(eventTime[i])) eventTime[i] = Number.NaN;
  made = {
    promiseId: numbers(promises, 'id'),
    promiseCreated: numbers(promises, 'createdAt'),
    promiseSettled: numbers(promises, 'settledAt'),
    promiseParent: numbers(promises, 'parent'),
    promiseAwaitIn: numbers(promises, 'awaitIn'),
    promiseInternal: flags(promises, 'internal'),
    promiseAwait: flags(promises, 'kind', (v) => v === 'await'),
    jobId: numbers(jobs, 'id'),
    jobTask: codes(jobs, 'task', LANE_ORDER, LANE_ORDER.indexOf('other')),
    jobEnqueued: numbers(jobs, 'enqueuedAt'),
    jobStarted: numbers(jobs, 'startedAt'),
    jobEnded: numbers(jobs, 'endedAt'),
    jobInternal: flags(jobs, 'internal'),
    jobPromise: numbers(jobs, 'promise'),
    eventType: codes(events, 'type', EVENT_TYPES, UNKNOWN),
    eventSeq: numbers(events, 'seq'),
    eventTime,
    eventRef,
    eventInternal: flags(events, 'internal'),
    tables,
  };
  cache.set(trace, made);
  return made;
}
