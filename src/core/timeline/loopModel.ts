/**
 * The event-loop view at one step: what a learner sees in boxes instead of lanes. The call stack holds
 * the jobs running at the step (the innermost on top), one box per queue holds what waits there in the
 * order it will run, then the console lines printed so far and the running job's "why now" sentence.
 * Everything is read from the layout (`jobAt` / `queuesAt` over the one step model), never written for
 * one program: a timer's due time is the time it was set plus its delay, as Node computes it.
 */
import type { ConsoleStream, JobWhy, TaskKind, TraceJob } from '../trace/model';
import { describeEvent, describeJob } from './describe';
import { LANE_LABELS, lowerBound, type TimelineLayout } from './layout';
import { queuesAt } from './queues';

/** Node runs a timer whose delay is outside 1..this after 1 ms (lib/internal/timers.js). */
const TIMEOUT_MAX = 2 ** 31 - 1;
/** Items listed per queue box; the rest are counted. */
export const LOOP_BOX_MAX = 30;
/** Console lines listed; earlier ones are counted. */
export const LOOP_CONSOLE_MAX = 200;
/** How far back the call stack looks for jobs still running (as `jobAt` does). */
const STACK_SCAN = 64;
/** How many jobs ahead a box looks for jobs not known to wait. */
const LATER_SCAN = 1000;

export interface LoopItem {
  /** Index into `layout.trace.jobs`. */
  job: number;
  /** The job's id, as the trace and the timeline name it (`#7`). */
  id: number;
  /** The job in words (`then handler (app.js:9)`). */
  label: string;
  /** A reaction in which no handler runs: V8 only passes the value on. */
  passThrough: boolean;
  /** For a timer: its delay and when it is due (µs since the run started), from the time it was set. */
  due?: { delayMs: number; at: number; passed: boolean };
}

export interface LoopBox {
  task: TaskKind;
  label: string;
  /** What waits, in the order it will run (at most `LOOP_BOX_MAX`). */
  items: LoopItem[];
  /** How many more wait than are listed. */
  more: number;
  /**
   * Jobs of this queue still to run whose queueing the trace did not record (an I/O callback: Node
   * gives no event when the operation starts), so they are not shown waiting. At most `LATER_SCAN`.
   */
  later: number;
}

export interface LoopConsoleLine {
  step: number;
  text: string;
  stream: ConsoleStream;
  outside: boolean;
}

export interface LoopModel {
  step: number;
  /** Jobs running at the step, outermost first: the last one is running now. Empty between jobs. */
  stack: LoopItem[];
  /** The event of this step, in words (`console.log: 4: microtask`). */
  event: string;
  /** One box per queue the program can wait in (the script never waits: it has no box). */
  queues: LoopBox[];
  /** Console lines printed up to and including the step, the latest last. */
  console: LoopConsoleLine[];
  /** Earlier console lines not listed. */
  consoleEarlier: number;
  /** Why the running job ran then; null between jobs or when the trace has no explanation. */
  why: JobWhy | null;
  /** Microseconds since the run started at this step; null when the trace has no times. */
  now: number | null;
}

/** The delay a timer job's label names (`setTimeout 5 ms`, `setInterval 10 ms`), as Node applies it. */
export function timerDelay(job: TraceJob): number | undefined {
  const match = /(\d+(?:\.\d+)?) ms$/.exec(job.label);
  if (!match) return undefined;
  const delay = Number(match[1]);
  return delay >= 1 && delay <= TIMEOUT_MAX ? delay : 1;
}

function item(layout: TimelineLayout, index: number, now: number | null): LoopItem {
  const job = layout.trace.jobs[index];
  const out: LoopItem = { job: index, id: job.id, label: describeJob(job), passThrough: job.passThrough === true };
  const enqueued = layout.jobEnqueued[index];
  const delay = job.task === 'timer' ? timerDelay(job) : undefined;
  if (delay !== undefined && now !== null && enqueued !== -1) {
    const at = layout.time[enqueued] + delay * 1000;
    out.due = { delayMs: delay, at, passed: at <= now };
  }
  return out;
}

/** Jobs running at `step`, outermost first (`jobAt` gives the last of them). */
export function stackAt(layout: TimelineLayout, step: number): number[] {
  const { jobsByStart, sortedStarts, jobEnd } = layout;
  const running: number[] = [];
  let k = lowerBound(sortedStarts, step + 1) - 1;
  for (let scanned = 0; k >= 0 && scanned < STACK_SCAN; k--, scanned++) {
    const j = jobsByStart[k];
    if (jobEnd[j] >= step) running.push(j);
  }
  return running.reverse();
}

function unrecordedLater(layout: TimelineLayout, task: TaskKind, step: number): number {
  const lane = layout.lanes.find((l) => l.task === task);
  if (!lane) return 0;
  let count = 0;
  const from = lowerBound(lane.starts, step + 1);
  for (let k = from; k < lane.jobs.length && k < from + LATER_SCAN; k++)
    if (layout.jobEnqueued[lane.jobs[k]] === -1) count++;
  return count;
}

export function loopModelAt(layout: TimelineLayout, step: number): LoopModel {
  const last = Math.max(0, layout.steps - 1);
  const s = Math.max(0, Math.min(last, step));
  const now = layout.timed && layout.steps > 0 ? layout.time[s] : null;
  const stack = layout.steps === 0 ? [] : stackAt(layout, s).map((j) => item(layout, j, now));

  const queues: LoopBox[] = [];
  for (const snapshot of layout.steps === 0 ? [] : queuesAt(layout, s)) {
    if (snapshot.task === 'script' && snapshot.waiting.length === 0) continue;
    const listed = snapshot.waiting.slice(0, LOOP_BOX_MAX);
    queues.push({
      task: snapshot.task,
      label: LANE_LABELS[snapshot.task],
      items: listed.map((j) => item(layout, j, now)),
      more: snapshot.waiting.length - listed.length,
      later: unrecordedLater(layout, snapshot.task, s),
    });
  }

  // Console lines at or before the step: a binary search, then the last few.
  const printed = lowerBound(layout.consoleSteps, s + 1);
  const from = Math.max(0, printed - LOOP_CONSOLE_MAX);
  const lines: LoopConsoleLine[] = [];
  for (let k = from; k < printed; k++) {
    const ev = layout.trace.events[layout.consoleSteps[k]];
    if (ev.type !== 'console') continue;
    lines.push({ step: layout.consoleSteps[k], text: ev.text, stream: ev.stream, outside: ev.outside === true });
  }

  const top = stack.length > 0 ? layout.trace.jobs[stack[stack.length - 1].job] : undefined;
  return {
    step: s,
    stack,
    event: layout.steps === 0 ? '' : describeEvent(layout.trace, s, layout.promiseIndex),
    queues,
    console: lines,
    consoleEarlier: from,
    why: top?.why ?? null,
    now,
  };
}
