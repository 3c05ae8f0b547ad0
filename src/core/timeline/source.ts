/**
 * The source line that belongs to a step, for the editor highlight: the line that created the promise
 * at this step, else the running job's callback, else the line that registered the job's reaction
 * (where `.then` / `await` was written), else the last line the job touched before this step.
 */
import type { SourceLocation } from '../trace/model';
import type { TimelineLayout } from './layout';
import { jobAt } from './queues';

export interface StepSource {
  location: SourceLocation;
  /** How the location was found, for the label beside the highlighted line. */
  why: 'creates' | 'callback' | 'registered' | 'last';
  /** Job index running at the step, or -1. */
  job: number;
}

export function sourceAtStep(layout: TimelineLayout, step: number): StepSource | undefined {
  const { trace } = layout;
  const job = jobAt(layout, step);
  const promiseAt = (index: number) => {
    const ev = trace.events[index];
    if (!ev || ev.type !== 'promise') return null;
    const p = layout.promiseIndex.get(ev.promise);
    return p === undefined || trace.promises[p].internal ? null : trace.promises[p].location;
  };
  const here = promiseAt(step);
  if (here) return { location: here, why: 'creates', job };
  if (job === -1) return undefined;
  const j = trace.jobs[job];
  if (j.location) return { location: j.location, why: 'callback', job };
  if (j.promise !== null) {
    const p = layout.promiseIndex.get(j.promise);
    const location = p === undefined ? null : trace.promises[p].location;
    if (location) return { location, why: 'registered', job };
  }
  for (let s = step - 1; s >= layout.jobStart[job]; s--) {
    const location = promiseAt(s);
    if (location) return { location, why: 'last', job };
  }
  return undefined;
}
