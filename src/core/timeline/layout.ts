/**
 * Turns a trace into what the timeline draws: a step axis, one lane per queue with its jobs in the
 * order they ran, one row per promise from creation to settlement. Everything is in typed arrays
 * indexed by position in `trace.jobs` / `trace.promises`, so a million events lay out in one pass and
 * drawing only ever touches what is on screen.
 *
 * Steps are those of `core/trace/steps.ts`, the one step model of every view: step `s` (0-based; people
 * read `stepNumber(s)`) means events 0..s of `layout.trace` have happened. Positions in the trace are
 * `seq` numbers; `stepOfSeq` maps them onto steps, `seqOfStep` back.
 */
import type { TaskKind, Trace } from '../trace/model';
import { groupedAwaits, isAwaitWrapper } from '../trace/awaits';
import { stepsOf } from '../trace/steps';

/** Lanes top to bottom, in the order the event loop visits them after the script. */
export const LANE_ORDER: readonly TaskKind[] = ['script', 'nextTick', 'microtask', 'timer', 'immediate', 'io', 'other'];

export const LANE_LABELS: Record<TaskKind, string> = {
  script: 'script',
  nextTick: 'nextTick',
  microtask: 'microtasks',
  timer: 'timers',
  immediate: 'immediates',
  io: 'I/O',
  other: 'other',
};

export interface Lane {
  task: TaskKind;
  label: string;
  /** Indexes into `trace.jobs`, sorted by start step. */
  jobs: Int32Array;
  /** Start step of each entry of `jobs`, ascending: what a binary search over the visible range reads. */
  starts: Int32Array;
}

export interface LayoutOptions {
  /** Show the promises and jobs Node made for itself (module loading, fs/promises). Default false. */
  internals?: boolean;
}

export interface TimelineLayout {
  /** The trace as shown: with internals hidden, without the events of Node's promises and jobs. */
  trace: Trace;
  /** The whole trace, as given. */
  source: Trace;
  /** The step showing the event `seq` (of the whole trace): the last shown event at or before it. */
  stepOfSeq: (seq: number) => number;
  /** Number of steps (events); the axis runs 0..steps-1. */
  steps: number;
  /** Microseconds since start at each step, interpolated between the events that carry a time. */
  time: Float64Array;
  lanes: Lane[];
  /** Per job index: the lane it sits in (index into `lanes`). */
  laneOfJob: Int32Array;
  jobStart: Int32Array;
  /** Last step of the job; the final step when the program ended inside it. */
  jobEnd: Int32Array;
  /** Step the job entered its queue, or -1 when unknown. */
  jobEnqueued: Int32Array;
  /** Row → promise index, in creation order. */
  rows: Int32Array;
  /** Promise index → row, or -1 when hidden or drawn on its async function's row (`awaitRow`). */
  rowOf: Int32Array;
  /**
   * Promise index of an `await`'s promise (or its wrapper) drawn on its async function's row → that
   * function's promise index (`core/trace/awaits.ts`).
   */
  awaitOwner: Map<number, number>;
  /** Promise index of an async function → the promise indexes of its awaits (no wrappers), in order. */
  awaitsOf: Map<number, number[]>;
  promiseStart: Int32Array;
  /** Step of settlement, or -1 while pending at the end. */
  promiseEnd: Int32Array;
  promiseIndex: Map<number, number>;
  jobIndex: Map<number, number>;
  /** Steps of console events, ascending, with their index into `trace.events`. */
  consoleSteps: Int32Array;
  /** Job indexes sorted by start step, and those start steps: how the job running at a step is found. */
  jobsByStart: Int32Array;
  sortedStarts: Int32Array;
}

/** Wall-clock time at each step: events with `time` anchor it, the rest are interpolated linearly. */
export function interpolateTime(trace: Trace): Float64Array {
  const n = trace.events.length;
  const time = new Float64Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const t = trace.events[i].time;
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    time[i] = t;
    if (prev === -1) {
      for (let j = 0; j < i; j++) time[j] = t;
    } else {
      const t0 = time[prev];
      for (let j = prev + 1; j < i; j++) time[j] = t0 + ((t - t0) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
  if (prev === -1) {
    // No times at all: the axis falls back to steps.
    for (let i = 0; i < n; i++) time[i] = i;
  } else {
    for (let j = prev + 1; j < n; j++) time[j] = time[prev];
  }
  // Clocks may step backwards between threads; the axis must not.
  for (let i = 1; i < n; i++) if (time[i] < time[i - 1]) time[i] = time[i - 1];
  return time;
}

/** The `seq` of the event at a step, for messages about the whole trace. */
export function seqOfStep(layout: TimelineLayout, step: number): number {
  return layout.trace.events[Math.max(0, Math.min(layout.steps - 1, step))]?.seq ?? 0;
}

export function layoutTrace(source: Trace, options: LayoutOptions = {}): TimelineLayout {
  const stepped = stepsOf(source, options);
  const { trace, count: steps } = stepped;
  const last = Math.max(0, steps - 1);
  const toStep = stepped.indexOf;

  const { jobs, promises } = trace;
  const jobIndex = new Map<number, number>();
  const jobStart = new Int32Array(jobs.length);
  const jobEnd = new Int32Array(jobs.length);
  const jobEnqueued = new Int32Array(jobs.length);
  const laneOfJob = new Int32Array(jobs.length);
  const used = new Set<TaskKind>();
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i];
    jobIndex.set(job.id, i);
    jobStart[i] = toStep(job.startedAt);
    jobEnd[i] = job.endedAt === null ? last : Math.max(jobStart[i], toStep(job.endedAt));
    jobEnqueued[i] = job.enqueuedAt === null ? -1 : toStep(job.enqueuedAt);
    used.add(LANE_ORDER.includes(job.task) ? job.task : 'other');
  }
  // Every queue keeps its lane even when empty, so the picture of the loop is always the same; `other`
  // appears only when something ran there.
  const tasks = LANE_ORDER.filter((t) => t !== 'other' || used.has('other'));
  const laneIndex = new Map<TaskKind, number>(tasks.map((t, i) => [t, i]));
  const perLane: number[][] = tasks.map(() => []);
  for (let i = 0; i < jobs.length; i++) {
    const lane = laneIndex.get(jobs[i].task) ?? laneIndex.get('other') ?? tasks.length - 1;
    laneOfJob[i] = lane;
    // Node's own jobs (the module loader's) are left out of the lanes unless internals are shown.
    if (options.internals || !jobs[i].internal) perLane[lane].push(i);
  }
  const lanes: Lane[] = tasks.map((task, l) => {
    const list = perLane[l];
    list.sort((a, b) => jobStart[a] - jobStart[b] || a - b);
    const idx = Int32Array.from(list);
    const starts = new Int32Array(idx.length);
    for (let k = 0; k < idx.length; k++) starts[k] = jobStart[idx[k]];
    return { task, label: LANE_LABELS[task], jobs: idx, starts };
  });
  // A hidden job would seem to run at the shown step before it: only the jobs drawn are looked up.
  const listed = Array.from(jobs.keys()).filter((i) => options.internals || !jobs[i].internal);
  const jobsByStart = Int32Array.from(listed).sort((a, b) => jobStart[a] - jobStart[b] || a - b);
  const sortedStarts = new Int32Array(jobsByStart.length);
  for (let k = 0; k < jobsByStart.length; k++) sortedStarts[k] = jobStart[jobsByStart[k]];

  const promiseIndex = new Map<number, number>();
  const promiseStart = new Int32Array(promises.length);
  const promiseEnd = new Int32Array(promises.length);
  const order: number[] = [];
  const awaitOwner = groupedAwaits(promises, options.internals);
  const awaitsOf = new Map<number, number[]>();
  for (let i = 0; i < promises.length; i++) {
    const p = promises[i];
    promiseIndex.set(p.id, i);
    promiseStart[i] = toStep(p.createdAt);
    promiseEnd[i] = p.settledAt === null ? -1 : Math.max(promiseStart[i], toStep(p.settledAt));
    const owner = awaitOwner.get(i);
    if (owner !== undefined) {
      if (!isAwaitWrapper(p)) {
        const list = awaitsOf.get(owner);
        if (list) list.push(i);
        else awaitsOf.set(owner, [i]);
      }
      continue;
    }
    if (options.internals || !p.internal) order.push(i);
  }
  order.sort((a, b) => promiseStart[a] - promiseStart[b] || promises[a].id - promises[b].id);
  const rows = Int32Array.from(order);
  const rowOf = new Int32Array(promises.length).fill(-1);
  for (let r = 0; r < rows.length; r++) rowOf[rows[r]] = r;

  const consoleList: number[] = [];
  for (let i = 0; i < steps; i++) if (trace.events[i].type === 'console') consoleList.push(i);

  return {
    trace,
    source,
    stepOfSeq: toStep,
    steps,
    time: interpolateTime(trace),
    lanes,
    laneOfJob,
    jobStart,
    jobEnd,
    jobEnqueued,
    rows,
    rowOf,
    awaitOwner,
    awaitsOf,
    promiseStart,
    promiseEnd,
    promiseIndex,
    jobIndex,
    consoleSteps: Int32Array.from(consoleList),
    jobsByStart,
    sortedStarts,
  };
}

/** First index in the ascending `sorted` whose value is ≥ `value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Entries of `lane.jobs` that overlap steps [from, to]: a contiguous range, since jobs in a lane run one
 * after another. Returns [first, end) indexes into `lane.jobs`.
 */
export function visibleJobs(layout: TimelineLayout, lane: Lane, from: number, to: number): [number, number] {
  let first = lowerBound(lane.starts, from);
  // The job before may still be running at `from`.
  if (first > 0 && layout.jobEnd[lane.jobs[first - 1]] >= from) first--;
  const end = lowerBound(lane.starts, to + 1);
  return [first, Math.max(first, end)];
}
