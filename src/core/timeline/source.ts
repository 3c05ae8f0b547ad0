/**
 * The source line that belongs to a step, for the editor highlight: the line running at that step.
 * That is the line of the event itself when it has one (the call that created the promise, the
 * `console.log` that printed the line), else the last such line the running job reached before it,
 * else the job's callback (for an `await` continuation, the `await` it resumed at), else where its
 * reaction was registered (`.then` / `await` written with a handler that could not be located).
 * A reaction that only passed a value on (a skipped `.catch`) ran no code: it highlights nothing.
 */
import type { SourceLocation, Trace, TraceEvent, TraceJob } from '../trace/model';
import { describeJob } from './describe';
import type { TimelineLayout } from './layout';
import { jobAt } from './queues';

/** What the host looks up to find the line: ids, never paths. */
export type SourceTarget =
  { kind: 'promise'; id: number } | { kind: 'job'; id: number } | { kind: 'console'; seq: number };

export interface StepSource {
  location: SourceLocation;
  /** How the location was found, for the words beside the highlighted line. */
  why: 'creates' | 'prints' | 'running' | 'callback' | 'registered';
  target: SourceTarget;
  /** Job index running at the step, or -1. */
  job: number;
}

/** The located line of one event: a promise it created or a console line it printed. */
function eventSource(
  layout: TimelineLayout,
  event: TraceEvent | undefined,
): Omit<StepSource, 'why' | 'job'> | undefined {
  if (!event) return undefined;
  if (event.type === 'console') {
    return event.location ? { location: event.location, target: { kind: 'console', seq: event.seq } } : undefined;
  }
  if (event.type !== 'promise') return undefined;
  const index = layout.promiseIndex.get(event.promise);
  const p = index === undefined ? undefined : layout.trace.promises[index];
  return p && !p.internal && p.location ? { location: p.location, target: { kind: 'promise', id: p.id } } : undefined;
}

export function sourceAtStep(layout: TimelineLayout, step: number): StepSource | undefined {
  const { trace } = layout;
  const job = jobAt(layout, step);
  const here = eventSource(layout, trace.events[step]);
  if (here) return { ...here, why: trace.events[step].type === 'console' ? 'prints' : 'creates', job };
  if (job === -1) return undefined;
  const j = trace.jobs[job];
  if (j.passThrough) return undefined;
  // The line the job reached last; a nested job's events end the search (they are not this job's lines).
  for (let s = step - 1; s > layout.jobStart[job]; s--) {
    const ev = trace.events[s];
    if (ev.type === 'job-end' || ev.type === 'job-start') break;
    const before = eventSource(layout, ev);
    if (before) return { ...before, why: 'running', job };
  }
  if (j.location) return { location: j.location, why: 'callback', target: { kind: 'job', id: j.id }, job };
  if (j.promise !== null) {
    const p = layout.promiseIndex.get(j.promise);
    const location = p === undefined ? null : trace.promises[p].location;
    if (location) return { location, why: 'registered', target: { kind: 'promise', id: j.promise }, job };
  }
  return undefined;
}

/** The place a target names in a trace (what the host looks up for a `stepped` message); null when none. */
export function locationOfTarget(trace: Trace, target: SourceTarget): SourceLocation | null {
  switch (target.kind) {
    case 'promise':
      return trace.promises.find((p) => p.id === target.id)?.location ?? null;
    case 'job':
      return trace.jobs.find((j) => j.id === target.id)?.location ?? null;
    case 'console': {
      const event = trace.events.find((e) => e.seq === target.seq);
      return event?.type === 'console' ? (event.location ?? null) : null;
    }
  }
}

/** The words beside the highlighted line: what the line does at this step. */
export function describeStepSource(why: StepSource['why'], job: TraceJob | undefined): string {
  if (why === 'creates') return 'creates a promise';
  if (why === 'prints') return 'prints';
  return job ? describeJob(job) : '';
}
