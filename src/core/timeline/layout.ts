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
import { lazyArray } from '../trace/format/nativeLazy';
import { IdMap } from '../trace/idMap';
import { seqToStep, takesStep } from '../trace/steps';
import { EVENT_TYPES, traceColumns, type TraceColumns } from './columns';

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
  /** The `seq` of the event at each step. */
  seqs: Float64Array;
  /** Whether any event shown carries a time (otherwise `time` counts steps, not microseconds). */
  timed: boolean;
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
  /** Promise id → index into `trace.promises`. */
  promiseIndex: IdMap<number>;
  /** Job id → index into `trace.jobs`. */
  jobIndex: IdMap<number>;
  /** Steps of console events, ascending, with their index into `trace.events`. */
  consoleSteps: Int32Array;
  /** Job indexes sorted by start step, and those start steps: how the job running at a step is found. */
  jobsByStart: Int32Array;
  sortedStarts: Int32Array;
}

/** Wall-clock time at each step: events with `time` anchor it, the rest are interpolated linearly. */
export function interpolateTime(trace: Trace): Float64Array {
  const times = new Float64Array(trace.events.length);
  trace.events.forEach((e, i) => (times[i] = typeof e.time === 'number' && Number.isFinite(e.time) ? e.time : NaN));
  return interpolateTimes(times);
}

/** `interpolateTime` over the events' times (NaN where an event has none), in place. */
function interpolateTimes(time: Float64Array): Float64Array {
  const n = time.length;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (Number.isNaN(t)) continue;
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
  if (layout.steps === 0) return 0;
  return layout.seqs[Math.max(0, Math.min(layout.steps - 1, step))];
}

/**
 * The steps of `core/trace/steps.ts` (`stepsOf`), found from the columns: which events take a step, the
 * trace as stepped and the step of each `seq`. The same rules, so that no event object is made; the
 * timeline's tests hold the two equal.
 */
function columnSteps(
  source: Trace,
  c: TraceColumns,
  internals: boolean,
): { trace: Trace; shown: Int32Array | undefined; seqs: Float64Array; indexOf: (seq: number) => number } {
  const n = c.eventType.length;
  let shown: Int32Array | undefined;
  if (!internals) {
    const internalPromise = idSet(c.promiseId, c.promiseInternal);
    const internalJob = idSet(c.jobId, c.jobInternal);
    const keep = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const type = EVENT_TYPES[c.eventType[i]] ?? '';
      if (takesStep(type, c.eventRef[i], c.eventInternal[i] === 1, internalPromise, internalJob)) keep[count++] = i;
    }
    if (count < n) shown = keep.subarray(0, count);
  }
  const count = shown ? shown.length : n;
  const seqs = new Float64Array(count);
  for (let k = 0; k < count; k++) seqs[k] = c.eventSeq[shown ? shown[k] : k];
  const events = source.events;
  const trace = shown ? { ...source, events: lazyArray(count, (k) => events[shown[k]]) } : source;
  return { trace, shown, seqs, indexOf: seqToStep(seqs) };
}

/** Id → index, the last with that id (as a Map filled in order says). */
function idIndex(ids: Float64Array): IdMap<number> {
  const index = new IdMap<number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  return index;
}

/** Whether any row with a given id is flagged. */
function idSet(ids: Float64Array, flagged: Uint8Array): (id: number) => boolean {
  const set = new IdMap<true>();
  for (let i = 0; i < ids.length; i++) if (flagged[i]) set.set(ids[i], true);
  return (id) => set.has(id);
}

/** `list` sorted by `order`; a trace lists jobs and promises nearly always in the order drawn, so first a check. */
function sorted(list: Int32Array, order: (a: number, b: number) => number): Int32Array {
  for (let k = 1; k < list.length; k++) if (order(list[k - 1], list[k]) > 0) return list.sort(order);
  return list;
}

export function layoutTrace(source: Trace, options: LayoutOptions = {}): TimelineLayout {
  const c = traceColumns(source);
  const internals = options.internals === true;
  const { trace, shown, seqs, indexOf: toStep } = columnSteps(source, c, internals);
  const steps = seqs.length;
  const last = Math.max(0, steps - 1);

  const jobCount = c.jobId.length;
  const jobIndex = idIndex(c.jobId);
  const jobStart = new Int32Array(jobCount);
  const jobEnd = new Int32Array(jobCount);
  const jobEnqueued = new Int32Array(jobCount);
  const laneOfJob = new Int32Array(jobCount);
  const used = new Set<TaskKind>();
  for (let i = 0; i < jobCount; i++) {
    jobStart[i] = toStep(c.jobStarted[i]);
    jobEnd[i] = Number.isNaN(c.jobEnded[i]) ? last : Math.max(jobStart[i], toStep(c.jobEnded[i]));
    jobEnqueued[i] = Number.isNaN(c.jobEnqueued[i]) ? -1 : toStep(c.jobEnqueued[i]);
    used.add(LANE_ORDER[c.jobTask[i]]);
  }
  // Every queue keeps its lane even when empty, so the picture of the loop is always the same; `other`
  // appears only when something ran there.
  const tasks = LANE_ORDER.filter((t) => t !== 'other' || used.has('other'));
  const laneOfTask = LANE_ORDER.map((t) => tasks.indexOf(t));
  const perLane: number[][] = tasks.map(() => []);
  for (let i = 0; i < jobCount; i++) {
    const lane = laneOfTask[c.jobTask[i]];
    laneOfJob[i] = lane;
    // Node's own jobs (the module loader's) are left out of the lanes unless internals are shown.
    if (internals || !c.jobInternal[i]) perLane[lane].push(i);
  }
  const byStart = (a: number, b: number) => jobStart[a] - jobStart[b] || a - b;
  const lanes: Lane[] = tasks.map((task, l) => {
    const idx = sorted(Int32Array.from(perLane[l]), byStart);
    const starts = new Int32Array(idx.length);
    for (let k = 0; k < idx.length; k++) starts[k] = jobStart[idx[k]];
    return { task, label: LANE_LABELS[task], jobs: idx, starts };
  });
  // A hidden job would seem to run at the shown step before it: only the jobs drawn are looked up.
  const listed: number[] = [];
  for (let i = 0; i < jobCount; i++) if (internals || !c.jobInternal[i]) listed.push(i);
  const jobsByStart = sorted(Int32Array.from(listed), byStart);
  const sortedStarts = new Int32Array(jobsByStart.length);
  for (let k = 0; k < jobsByStart.length; k++) sortedStarts[k] = jobStart[jobsByStart[k]];

  const promiseCount = c.promiseId.length;
  const promiseIndex = idIndex(c.promiseId);
  const promiseStart = new Int32Array(promiseCount);
  const promiseEnd = new Int32Array(promiseCount);
  const order: number[] = [];
  // The awaits drawn on their async function's row (`groupedAwaits` of core/trace/awaits.ts, on the columns).
  const awaitOwner = new Map<number, number>();
  const awaitsOf = new Map<number, number[]>();
  for (let i = 0; i < promiseCount; i++) {
    promiseStart[i] = toStep(c.promiseCreated[i]);
    promiseEnd[i] = Number.isNaN(c.promiseSettled[i]) ? -1 : Math.max(promiseStart[i], toStep(c.promiseSettled[i]));
    const owner = Number.isNaN(c.promiseAwaitIn[i]) ? undefined : promiseIndex.get(c.promiseAwaitIn[i]);
    if (owner !== undefined && (internals || !c.promiseInternal[owner])) {
      awaitOwner.set(i, owner);
      // V8's wrapper of an awaited value that is not a promise (`isAwaitWrapper`) is not an await of its own.
      if (!(c.promiseAwait[i] && Number.isNaN(c.promiseParent[i]))) {
        const list = awaitsOf.get(owner);
        if (list) list.push(i);
        else awaitsOf.set(owner, [i]);
      }
      continue;
    }
    if (internals || !c.promiseInternal[i]) order.push(i);
  }
  const ids = c.promiseId;
  const rows = sorted(Int32Array.from(order), (a, b) => promiseStart[a] - promiseStart[b] || ids[a] - ids[b] || a - b);
  const rowOf = new Int32Array(promiseCount).fill(-1);
  for (let r = 0; r < rows.length; r++) rowOf[rows[r]] = r;

  const consoleType = EVENT_TYPES.indexOf('console');
  const consoleList: number[] = [];
  const time = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    const i = shown ? shown[k] : k;
    if (c.eventType[i] === consoleType) consoleList.push(k);
    const t = c.eventTime[i];
    time[k] = Number.isFinite(t) ? t : Number.NaN;
  }
  let timed = false;
  for (let k = 0; k < steps && !timed; k++) timed = !Number.isNaN(time[k]);

  return {
    trace,
    source,
    stepOfSeq: toStep,
    steps,
    seqs,
    timed,
    time: interpolateTimes(time),
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
