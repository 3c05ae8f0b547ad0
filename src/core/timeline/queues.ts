/**
 * What the event loop looked like at one step: the job running, what waited in each queue, and the
 * state each promise had then. Read from the layout, never by replaying the program.
 */
import type { PromiseState, TaskKind, TracePromise } from '../trace/model';
import { lowerBound, type TimelineLayout } from './layout';
import { traceColumns } from './columns';
import { IdMap } from '../trace/idMap';

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
 * `all` fail fast, the result that won a `race`, the fulfilment that won `any`), inputs it `counted`,
 * inputs whose result reached it after it was already decided (`ignored`), and inputs still `pending`.
 * A combinator hears of an input in the job of the `then` V8 attached to it, which may come after
 * another input's although the input settled first (both settled before the call, say): the roles
 * follow those jobs when the trace has them, and the inputs' settle times otherwise.
 */
export function fanIn(layout: TimelineLayout, combinator: TracePromise): { input: number; role: FanInRole }[] {
  const promises = layout.trace.promises;
  const inputs = combinator.inputs.map((id) => layout.promiseIndex.get(id)).filter((i): i is number => i !== undefined);
  const doneAt = layout.promiseEnd[layout.promiseIndex.get(combinator.id) ?? -1] ?? -1;
  const settled = (i: number) => layout.promiseEnd[i] !== -1;
  const reached = inputJobs(layout).get(combinator.id);
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
    let decides = false;
    switch (combinator.kind) {
      case 'all':
        decides = combinator.state === 'rejected';
        break;
      case 'race':
        decides = true;
        break;
      case 'any':
        decides = combinator.state === 'fulfilled';
        break;
    }
    if (decides) {
      decider = settlingInput(layout, combinator);
      if (decider === -1 && reached === undefined)
        decider = earliest((i) => combinator.kind === 'race' || promises[i].state === combinator.state);
    }
  }
  return inputs.map((i) => {
    if (i === decider) return { input: i, role: 'decided' as const };
    if (!settled(i)) return { input: i, role: 'pending' as const };
    // Both in the trace's own order (`seq`): steps hide Node's events, the `then` jobs among them.
    const at = reached?.get(promises[i].id);
    if (at !== undefined && combinator.settledAt !== null)
      return { input: i, role: at > combinator.settledAt ? ('ignored' as const) : ('counted' as const) };
    const afterDecision = decider !== -1 && layout.promiseEnd[i] > layout.promiseEnd[decider];
    const afterDone = doneAt !== -1 && layout.promiseEnd[i] > doneAt;
    return { input: i, role: afterDecision || afterDone ? ('ignored' as const) : ('counted' as const) };
  });
}

/** The input whose `then` job settled the combinator (its index), or -1 when the trace does not say. */
function settlingInput(layout: TimelineLayout, combinator: TracePromise): number {
  if (combinator.settledIn === null) return -1;
  const job = layout.trace.jobs[layout.jobIndex.get(combinator.settledIn) ?? -1];
  const then = job?.promise == null ? undefined : layout.trace.promises[layout.promiseIndex.get(job.promise) ?? -1];
  if (then?.parent == null || !combinator.inputs.includes(then.parent)) return -1;
  return layout.promiseIndex.get(then.parent) ?? -1;
}

const inputJobsOf = new WeakMap<TimelineLayout, Map<number, Map<number, number>>>();

/**
 * For each combinator, when each input's result reached it: the `seq` at which the job of the `then`
 * V8 attached to the input started. Found once per layout (rows are drawn on every frame).
 */
function inputJobs(layout: TimelineLayout): Map<number, Map<number, number>> {
  let found = inputJobsOf.get(layout);
  if (found) return found;
  found = new Map();
  inputJobsOf.set(layout, found);
  // Read from the columns: this scans every promise and job, and a row is made only when it is shown.
  const c = traceColumns(layout.source);
  const { promises } = c.tables;
  const combinatorsOf = new IdMap<number[]>();
  let any = false;
  // Only a combinator has inputs (`TracePromise.inputs`): the other promises' empty lists are not made.
  promises.each(
    'inputs',
    (i, inputs) => {
      if (!Array.isArray(inputs)) return;
      for (const input of inputs as number[]) {
        const list = combinatorsOf.get(input);
        if (list) list.push(i);
        else combinatorsOf.set(input, [i]);
        any = true;
      }
    },
    c.promiseCombinator,
  );
  if (!any) return found;
  const jobStart = new IdMap<number>();
  for (let j = 0; j < c.jobId.length; j++) {
    const promise = c.jobPromise[j];
    if (!Number.isNaN(promise) && !jobStart.has(promise)) jobStart.set(promise, c.jobStarted[j]);
  }
  for (let i = 0; i < c.promiseId.length; i++) {
    const parent = c.promiseParent[i];
    if (!c.promiseThen[i] || !c.promiseInternal[i] || Number.isNaN(parent)) continue;
    const candidates = combinatorsOf.get(parent);
    const at = candidates && jobStart.get(c.promiseId[i]);
    if (!candidates || at === undefined) continue;
    // The combinator called last before this `then` was made is the one V8 attached it for.
    let combinator = -1;
    for (const k of candidates) if (c.promiseCreated[k] < c.promiseCreated[i]) combinator = k;
    if (combinator === -1) continue;
    const id = c.promiseId[combinator];
    let reachedAt = found.get(id);
    if (!reachedAt) found.set(id, (reachedAt = new Map()));
    if (!reachedAt.has(parent)) reachedAt.set(parent, at);
  }
  return found;
}
