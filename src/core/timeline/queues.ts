/**
 * What the event loop looked like at one step: the job running, what waited in each queue, and the
 * state each promise had then. Read from the layout, never by replaying the program.
 */
import type { PromiseState, TaskKind, TracePromise } from '../trace/model';
import { lowerBound, type TimelineLayout } from './layout';

/** Index (into `trace.jobs`) of the job running at `step`, or -1 between jobs. The innermost wins. */
export function jobAt(layout: TimelineLayout, step: number): number {
  const { jobsByStart, sortedStarts, jobEnd } = layout;
  // Jobs that started at or before `step`, latest first: the first one still running is the innermost.
  let k = lowerBound(sortedStarts, step + 1) - 1;
  for (let scanned = 0; k >= 0 && scanned < 64; k--, scanned++) {
    const j = jobsByStart[k];
    if (jobEnd[j] >= step) return j;
  }
  return -1;
}

export interface QueueSnapshot {
  task: TaskKind;
  /** Job indexes waiting in this queue at the step, in the order they will run. */
  waiting: number[];
}

/**
 * For each lane, the jobs that had entered its queue by `step` and had not started yet. Jobs whose
 * enqueue step is unknown are not shown waiting (they only appear when they run).
 */
export function queuesAt(layout: TimelineLayout, step: number): QueueSnapshot[] {
  const out: QueueSnapshot[] = layout.lanes.map((lane) => ({ task: lane.task, waiting: [] }));
  const { jobEnqueued, jobStart, laneOfJob } = layout;
  // Waiting jobs start after `step`; scanning each lane from that point forward finds them in run order.
  for (let l = 0; l < layout.lanes.length; l++) {
    const lane = layout.lanes[l];
    const from = lowerBound(lane.starts, step + 1);
    for (let k = from; k < lane.jobs.length; k++) {
      const j = lane.jobs[k];
      const q = jobEnqueued[j];
      if (q !== -1 && q <= step && jobStart[j] > step) out[laneOfJob[j]].waiting.push(j);
      // A queue rarely holds more than a few thousand; beyond that the panel shows a count anyway.
      if (out[l].waiting.length >= 5000) break;
    }
  }
  return out;
}

/** How many jobs waited in each lane at `step`, without listing them. */
export function queueDepthsAt(layout: TimelineLayout, step: number): number[] {
  return queuesAt(layout, step).map((q) => q.waiting.length);
}

/** The state a promise (by index) had at `step`; `undefined` when it did not exist yet. */
export function promiseStateAt(layout: TimelineLayout, index: number, step: number): PromiseState | undefined {
  if (layout.promiseStart[index] > step) return undefined;
  const end = layout.promiseEnd[index];
  if (end === -1 || end > step) return 'pending';
  return layout.trace.promises[index].state;
}

/** Rows whose promise existed at `step` (created at or before it). */
export function liveRowsAt(layout: TimelineLayout, step: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < layout.rows.length; r++) {
    const p = layout.rows[r];
    if (layout.promiseStart[p] <= step) out.push(r);
  }
  return out;
}

export type FanInRole = 'decided' | 'counted' | 'ignored' | 'pending';

/**
 * For a combinator, what each input meant to it: the input that `decided` it (the rejection that made
 * `all` fail fast, the first to settle a `race`, the fulfilment that won `any`), inputs it `counted`,
 * inputs that settled after it was already decided (`ignored`), and inputs still `pending`.
 */
export function fanIn(layout: TimelineLayout, combinator: TracePromise): { input: number; role: FanInRole }[] {
  const promises = layout.trace.promises;
  const inputs = combinator.inputs.map((id) => layout.promiseIndex.get(id)).filter((i): i is number => i !== undefined);
  const doneAt = layout.promiseEnd[layout.promiseIndex.get(combinator.id) ?? -1] ?? -1;
  const settled = (i: number) => layout.promiseEnd[i] !== -1;
  const earliest = (pred: (i: number) => boolean): number => {
    let best = -1;
    for (const i of inputs) {
      if (!settled(i) || !pred(i)) continue;
      if (best === -1 || layout.promiseEnd[i] < layout.promiseEnd[best]) best = i;
    }
    return best;
  };
  let decider = -1;
  if (combinator.state !== 'pending') {
    switch (combinator.kind) {
      case 'all':
        if (combinator.state === 'rejected') decider = earliest((i) => promises[i].state === 'rejected');
        break;
      case 'race':
        decider = earliest(() => true);
        break;
      case 'any':
        if (combinator.state === 'fulfilled') decider = earliest((i) => promises[i].state === 'fulfilled');
        break;
    }
  }
  return inputs.map((i) => {
    if (i === decider) return { input: i, role: 'decided' as const };
    if (!settled(i)) return { input: i, role: 'pending' as const };
    const afterDecision = decider !== -1 && layout.promiseEnd[i] > layout.promiseEnd[decider];
    const afterDone = doneAt !== -1 && layout.promiseEnd[i] > doneAt;
    return { input: i, role: afterDecision || afterDone ? ('ignored' as const) : ('counted' as const) };
  });
}
