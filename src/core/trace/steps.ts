/**
 * The one step model every view shares: the timeline, the hover, the end-of-line notes, the editor
 * highlight, the text format and the exported page.
 *
 * A step is one event shown. With Node's internals hidden (the default), the events of Node's own
 * promises and jobs take no step, so stepping never stops on something unseen. Steps are kept as
 * 0-based indexes into the shown events; people read them 1-based through `stepNumber`, everywhere.
 */
import type { Trace, TraceEvent } from './model';
import { IdMap } from './idMap';

export interface StepOptions {
  /** Count the events of Node's own promises and jobs too. Default false, as the timeline opens. */
  internals?: boolean;
}

/** The number a person reads for the step at `index` (0-based): "step 1" is the first event shown. */
export function stepNumber(index: number): number {
  return index + 1;
}

/** Ids of Node's own promises or jobs, as flags by id (a trace holds a million; most are none). */
function internalIds(list: readonly { id: number; internal?: boolean }[]): (id: number) => boolean {
  const ids: number[] = [];
  for (const item of list) if (item.internal) ids.push(item.id);
  if (ids.length === 0) return () => false;
  const flags = new IdMap<true>();
  for (const id of ids) flags.set(id, true);
  return (id) => flags.has(id);
}

/** Whether an event is about something of the program's (always, for console lines). */
function shownEvent(trace: Trace): (event: TraceEvent) => boolean {
  const internalPromise = internalIds(trace.promises);
  const internalJob = internalIds(trace.jobs);
  return (event) => {
    switch (event.type) {
      case 'promise':
      case 'settle':
      case 'unhandled':
        return !internalPromise(event.promise);
      case 'enqueue':
        return !(internalJob(event.job) || event.internal);
      case 'job-start':
      case 'job-end':
        return !internalJob(event.job);
      case 'console':
        return true;
    }
  };
}

/** The trace with only the events that take a step (the same object when every event does). */
export function steppedTrace(trace: Trace, options: StepOptions = {}): Trace {
  if (options.internals) return trace;
  const shown = shownEvent(trace);
  const { events } = trace;
  let i = 0;
  while (i < events.length && shown(events[i])) i++;
  if (i === events.length) return trace;
  const kept = events.slice(0, i);
  for (; i < events.length; i++) if (shown(events[i])) kept.push(events[i]);
  return { ...trace, events: kept };
}

/**
 * Maps a `seq` of the whole trace onto the steps of `stepped` (from `steppedTrace`): the step of the
 * last shown event at or before it.
 */
export function makeSeqToStep(stepped: Trace): (seq: number) => number {
  const { events } = stepped;
  const n = events.length;
  let dense = true;
  for (let i = 0; i < n; i++) {
    if (events[i].seq !== i) {
      dense = false;
      break;
    }
  }
  if (dense) return (seq) => Math.max(0, Math.min(n - 1, seq));
  const seqs = new Float64Array(n);
  for (let i = 0; i < n; i++) seqs[i] = events[i].seq;
  return (seq) => {
    let lo = 0;
    let hi = n - 1;
    if (n === 0 || seq <= seqs[0]) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seqs[mid] <= seq) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

export interface Steps {
  /** The trace as stepped: without the events that take no step. */
  trace: Trace;
  /** Number of steps. */
  count: number;
  /** The step (0-based index) showing the event `seq` of the whole trace. */
  indexOf: (seq: number) => number;
  /** The step as people read it (1-based) for the event `seq` of the whole trace. */
  numberOf: (seq: number) => number;
}

const cache = new WeakMap<Trace, { internals?: Steps; user?: Steps }>();

/**
 * The steps of a trace, made once per trace and option: a trace is not changed after it is first
 * stepped (what moves locations after a run does not change which events take a step).
 */
export function stepsOf(trace: Trace, options: StepOptions = {}): Steps {
  let entry = cache.get(trace);
  if (!entry) cache.set(trace, (entry = {}));
  const key = options.internals ? 'internals' : 'user';
  const made = entry[key];
  if (made) return made;
  const stepped = steppedTrace(trace, options);
  const indexOf = makeSeqToStep(stepped);
  const steps: Steps = {
    trace: stepped,
    count: stepped.events.length,
    indexOf,
    numberOf: (seq) => stepNumber(indexOf(seq)),
  };
  entry[key] = steps;
  return steps;
}
