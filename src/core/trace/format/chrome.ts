/**
 * `--format chrome`: the Trace Event format that Perfetto (ui.perfetto.dev) and chrome://tracing
 * open. Jobs are complete events on one "event loop" track; console lines are instant events; each
 * user promise is an async slice from its creation to its settlement.
 */
import type { Trace } from '../model';
import type { TraceFormat } from './types';
import { joinPieces, jsonPieces } from './pieces';

interface ChromeEvent {
  name: string;
  ph: 'X' | 'i' | 'b' | 'e' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: string;
  s?: 't';
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, unknown>;
}

/**
 * Times in microseconds for every `seq`: events carry a time on job boundaries and console lines,
 * and everything between takes the last time seen. Without any times, `seq` itself stands in.
 */
function clock(trace: Trace): (seq: number) => number {
  const known = trace.events.filter((e) => e.time !== undefined).map((e) => [e.seq, e.time!] as const);
  if (known.length === 0) return (seq) => seq;
  return (seq) => {
    let lo = 0;
    let hi = known.length - 1;
    if (seq < known[0][0]) return known[0][1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (known[mid][0] <= seq) lo = mid;
      else hi = mid - 1;
    }
    return known[lo][1];
  };
}

const PID = 1;
const LOOP = 1;
const PROMISES = 2;

export function traceToChrome(trace: Trace): ChromeTrace {
  const at = clock(trace);
  const lastSeq = trace.events.length > 0 ? trace.events[trace.events.length - 1].seq : 0;
  const end = at(lastSeq);
  const events: ChromeEvent[] = [
    { name: 'process_name', ph: 'M', pid: PID, tid: LOOP, args: { name: `Promise Lens: ${trace.file}` } },
    { name: 'thread_name', ph: 'M', pid: PID, tid: LOOP, args: { name: 'event loop' } },
    { name: 'thread_name', ph: 'M', pid: PID, tid: PROMISES, args: { name: 'promises' } },
  ];
  for (const job of trace.jobs) {
    const ts = at(job.startedAt);
    const stop = job.endedAt === null ? end : at(job.endedAt);
    events.push({
      name: job.label || job.task,
      cat: job.task,
      ph: 'X',
      pid: PID,
      tid: LOOP,
      ts,
      dur: Math.max(0, stop - ts),
      args: { job: job.id, task: job.task, promise: job.promise, location: job.location },
    });
  }
  for (const event of trace.events) {
    if (event.type !== 'console') continue;
    events.push({
      name: event.text.length > 80 ? `${event.text.slice(0, 79)}…` : event.text,
      cat: `console.${event.stream}`,
      ph: 'i',
      s: 't',
      pid: PID,
      tid: LOOP,
      ts: event.time ?? at(event.seq),
      args: {
        stream: event.stream,
        text: event.text,
        task: event.task,
        job: event.job,
        ...(event.outside && { outside: true }),
      },
    });
  }
  for (const promise of trace.promises) {
    if (promise.internal) continue;
    const id = `p${promise.id}`;
    const name = `promise ${promise.id} (${promise.kind})`;
    const args = {
      state: promise.state,
      value: promise.value?.text ?? null,
      parent: promise.parent,
      location: promise.location,
    };
    events.push({ name, cat: 'promise', ph: 'b', id, pid: PID, tid: PROMISES, ts: at(promise.createdAt), args });
    events.push({
      name,
      cat: 'promise',
      ph: 'e',
      id,
      pid: PID,
      tid: PROMISES,
      ts: promise.settledAt === null ? end : at(promise.settledAt),
    });
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: {
      file: trace.file,
      node: trace.node,
      startedAt: trace.startedAt,
      exit: trace.exit,
      truncated: trace.truncated,
    },
  };
}

export const chromeFormat: TraceFormat = {
  description: 'Trace Event format for Perfetto and chrome://tracing',
  extension: '.json',
  write: (trace) => joinPieces(chromePieces(trace)),
  pieces: chromePieces,
};

function* chromePieces(trace: Trace): Generator<string> {
  yield* jsonPieces(traceToChrome(trace));
  yield '\n';
}
