import type { TraceJob } from '../trace/model';
import type { WhyRule } from './rules';
import { isZeroTimer, TIMEOUT_MAX, type TraceIndex } from './traceIndex';
import { capital, jobPhrase } from './words';

/**
 * Why a job of Node's own queues ran when it did: a `process.nextTick` callback, a timer, a
 * `setImmediate`; and the sentence that says why promise jobs run after another kind of job.
 */

const RACE_TEXT =
  'A 0 ms timer and a `setImmediate` were both set before the event loop started: Node does not promise an order between these two here (the timer goes first only if 1 ms has passed when the loop starts).';

export function explainNextTick(index: TraceIndex, job: TraceJob, previous: TraceJob | undefined): string {
  const queued = index.queuedAt(job);
  if (index.queuedBy(job)?.task === 'microtask') {
    return `A \`process.nextTick\` callback queued by a promise job (at step ${index.step(job.enqueuedAt!)}) waits until the microtask queue is empty; then Node runs the nextTick queue.`;
  }
  if (previous?.task === 'script' && previous.endedAt !== null && previous.endedAt < job.startedAt) {
    return `The ${previous.label === 'main module' ? 'main module' : 'script'} finished and the call stack is empty: \`process.nextTick\` callbacks run first, before any promise job${queued}.`;
  }
  if (previous?.task === 'microtask') {
    return `The microtask queue is empty, so Node runs the \`process.nextTick\` queue${queued}.`;
  }
  if (previous?.task === 'nextTick') {
    return `The \`process.nextTick\` queue runs in the order it was filled, before any promise job${queued}.`;
  }
  const by = index.queuedBy(job);
  if (by && previous === by && by.endedAt !== null && by.endedAt < job.startedAt) {
    return `${capital(jobPhrase(by))} queued it at step ${index.step(job.enqueuedAt!)} and finished: with the call stack empty, Node runs \`process.nextTick\` callbacks first, before promise jobs and before the event loop moves on.`;
  }
  return `A job ended and the call stack is empty: Node runs \`process.nextTick\` callbacks first, before promise jobs${queued}.`;
}

/** A sentence for the first microtask after another kind of job: why promise jobs run now. */
export function drainContext(index: TraceIndex, job: TraceJob, previous: TraceJob | undefined): string {
  if (!previous || previous.task === 'microtask') return '';
  const waiting = index.moments.waiting(job.id);
  const later =
    waiting && waiting.timers + waiting.immediates > 0
      ? `: the microtask queue drains completely before any ${waiting.timers > 0 ? 'timer' : 'immediate'}, even one that is already due.`
      : '.';
  if (previous.task === 'script' && previous.label === 'main module' && waiting && waiting.ticks > 0) {
    return 'The module body ran as a promise job, so the microtask queue keeps draining before the waiting `process.nextTick` callbacks.';
  }
  if (previous.task === 'nextTick') return `The nextTick queue is empty, so promise jobs run${later}`;
  return `${capital(jobPhrase(previous))} finished and no \`process.nextTick\` callback waits, so promise jobs run${later}`;
}

export function explainTimer(index: TraceIndex, job: TraceJob): [WhyRule, string] {
  const match = /(\d+(?:\.\d+)?) ms$/.exec(job.label);
  const delay = match ? Number(match[1]) : undefined;
  const at = index.moments.timeAt[job.startedAt];
  const now = Number.isNaN(at) ? '' : `, ${(at / 1000).toFixed(1)} ms into the run`;
  const set = job.enqueuedAt !== null ? ` (set at step ${index.step(job.enqueuedAt)})` : '';
  const repeating = /^(setInterval|interval) /.test(job.label);
  const what = delay === undefined ? 'this timer' : `this ${delay} ms ${repeating ? 'interval' : 'timer'}`;
  let text = `Timers phase: ${what}${set} was due, so Node ran it${now}.`;
  if (delay !== undefined && !(delay >= 1 && delay <= TIMEOUT_MAX))
    text += ` Node runs a ${delay} ms timer at 1 ms at the earliest.`;
  if (index.userTimers > 1)
    text += ' Timers run in order of their due time, and in the order they were set when due together.';
  if (racesImmediate(index, job)) return ['timer-or-immediate', `${text} ${RACE_TEXT}`];
  return ['timer', text];
}

export function explainImmediate(index: TraceIndex, job: TraceJob): [WhyRule, string] {
  const queued = index.queuedAt(job);
  const by = index.queuedBy(job);
  if (by?.task === 'io') {
    return [
      'immediate-after-io',
      `Check phase: this \`setImmediate\` was set in an I/O callback (step ${index.step(job.enqueuedAt!)}), and the check phase comes right after polling for I/O, so it runs before any timer, even a 0 ms one.`,
    ];
  }
  const next = by?.task === 'immediate' ? " Set while the check phase ran, it waited for the loop's next turn." : '';
  const text = `Check phase: \`setImmediate\` callbacks run after the event loop polls for I/O${queued}.${next}`;
  if (racesTimer(index, job)) return ['timer-or-immediate', `${text} ${RACE_TEXT}`];
  return ['immediate', text];
}

function racesImmediate(index: TraceIndex, timer: TraceJob): boolean {
  return index.immediateBeforeLoop && isZeroTimer(timer) && index.setBeforeLoop(timer);
}

function racesTimer(index: TraceIndex, immediate: TraceJob): boolean {
  return index.zeroTimerBeforeLoop && index.setBeforeLoop(immediate);
}
