/**
 * The fields of every promise, job and event that the layout scans, in typed arrays indexed like
 * `trace.promises`, `trace.jobs` and `trace.events`. A trace from `decodeNativeLazy` gives them
 * straight from its columns, so laying out a million events makes no event object; any other trace is
 * read in one pass over its rows. A missing number (a `null`, an absent key) is NaN.
 */
import { COMBINATOR_KINDS, type PromiseKind, type Trace, type TraceEvent } from '../trace/model';
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
  /** 1 where the kind is `then`. */
  promiseThen: Uint8Array;
  /** 1 where the kind is a combinator's (`Promise.all`, ...): the promises that have inputs. */
  promiseCombinator: Uint8Array;
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
  /** The time, NaN where there is none (an infinite one is none to the layout too). */
  eventTime: Float64Array;
  /** The promise (promise, settle, unhandled) or job (enqueue, job-start, job-end) it is about. */
  eventRef: Float64Array;
  /** 1 for an `enqueue` of Node's own code. */
  eventInternal: Uint8Array;
  /** What it reads a field of every row with: the native columns or the rows. */
  tables: { promises: Rows; jobs: Rows; events: Rows };
}

function objectRows(rows: readonly object[]): Rows {
  const each = (key: string, fn: (row: number, value: unknown) => void, only?: Uint8Array) => {
    for (let i = 0; i < rows.length; i++) if (!only || only[i]) fn(i, (rows[i] as Record<string, unknown>)[key]);
  };
  return {
    count: rows.length,
    each,
    numbers(key, out = new Float64Array(rows.length).fill(Number.NaN)) {
      each(key, (i, v) => {
        if (typeof v === 'number') out[i] = v;
      });
      return out;
    },
    classify(key, f) {
      const out = new Uint8Array(rows.length);
      each(key, (i, v) => (out[i] = f(v)));
      return out;
    },
  };
}

/** 1 where `test` holds for the row's value (absent keys read as undefined). */
function flags(rows: Rows, key: string, test: (v: unknown) => boolean = Boolean): Uint8Array {
  return rows.classify(key, (v) => (test(v) ? 1 : 0));
}

/** Each row's value as its index in `list`, `missing` for any other value or none. */
function codes(rows: Rows, key: string, list: readonly string[], missing: number): Uint8Array {
  return rows.classify(key, (v) => {
    const i = list.indexOf(v as string);
    return i === -1 ? missing : i;
  });
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
  // An event names a promise or a job, never both (a console line's `job` is not looked at).
  const eventRef = events.numbers('job', events.numbers('promise'));
  made = {
    promiseId: promises.numbers('id'),
    promiseCreated: promises.numbers('createdAt'),
    promiseSettled: promises.numbers('settledAt'),
    promiseParent: promises.numbers('parent'),
    promiseAwaitIn: promises.numbers('awaitIn'),
    promiseInternal: flags(promises, 'internal'),
    promiseAwait: flags(promises, 'kind', (v) => v === 'await'),
    promiseThen: flags(promises, 'kind', (v) => v === 'then'),
    promiseCombinator: flags(promises, 'kind', (v) => COMBINATOR_KINDS.includes(v as PromiseKind)),
    jobId: jobs.numbers('id'),
    jobTask: codes(jobs, 'task', LANE_ORDER, LANE_ORDER.indexOf('other')),
    jobEnqueued: jobs.numbers('enqueuedAt'),
    jobStarted: jobs.numbers('startedAt'),
    jobEnded: jobs.numbers('endedAt'),
    jobInternal: flags(jobs, 'internal'),
    jobPromise: jobs.numbers('promise'),
    eventType: codes(events, 'type', EVENT_TYPES, UNKNOWN),
    eventSeq: events.numbers('seq'),
    eventTime: events.numbers('time'),
    eventRef,
    eventInternal: flags(events, 'internal'),
    tables,
  };
  cache.set(trace, made);
  return made;
}
