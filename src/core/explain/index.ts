/**
 * Why each job ran when it did. `explainTrace` reads a finished trace (after `readRecording` and the
 * handler pass) and gives every job a `why: { rule, text }`: a stable rule id (`RULES`, documented in
 * docs/trace-format.md) and a sentence derived from the trace itself (what queued the job, which
 * promise settled, what else waited), never written for one program. It also names in plain words
 * the jobs V8 runs for itself (adopting a returned promise, a combinator's input) and marks the
 * promise V8 wraps an awaited value in (`awaitOf`).
 *
 * Everything is made in a few passes over the trace, with indexes built once (`traceIndex.ts`): traces
 * hold up to a million events. Step numbers in the texts count as the timeline does by default (Node's
 * internals hidden; `core/trace/steps.ts`). Microtasks are told by `promiseJobs.ts` and
 * `combinatorJobs.ts`, the other queues by `loopJobs.ts`.
 */
import type { Trace, TraceJob } from '../trace/model';
import { drainContext, explainImmediate, explainNextTick, explainTimer } from './loopJobs';
import { explainMicrotask } from './promiseJobs';
import type { WhyRule } from './rules';
import { TraceIndex } from './traceIndex';
import { capital, idList } from './words';

export { RULES, type WhyRule } from './rules';
export { ADOPT_RESULT_LABEL } from './promiseJobs';

/** One explanation pass over a finished trace (see the file comment). Changes the trace in place. */
export function explainTrace(trace: Trace): void {
  const index = new TraceIndex(trace);
  // A job of the program's is told against the job of the program's before it, as the timeline
  // shows them; one of Node's against the job just before it.
  let previous: TraceJob | undefined;
  let previousShown: TraceJob | undefined;
  for (const job of index.order) {
    const why = explain(index, job, job.internal ? previous : previousShown);
    job.why = { rule: why[0], text: capital(why[1]) };
    previous = job;
    if (!job.internal) previousShown = job;
  }
}

function explain(index: TraceIndex, job: TraceJob, previous: TraceJob | undefined): [WhyRule, string] {
  switch (job.task) {
    case 'script':
      return [
        'script',
        job.label === 'main module'
          ? 'The main module runs first, top to bottom, as one job: nothing it queues runs before it ends.'
          : 'The script runs first, top to bottom, as one job: nothing it queues runs before it ends and the call stack is empty.',
      ];
    case 'nextTick':
      return ['next-tick', explainNextTick(index, job, previous)];
    case 'microtask': {
      const [rule, text] = explainMicrotask(index, job);
      const context = drainContext(index, job, previous);
      return [rule, context ? `${context} ${capital(text)}` : text];
    }
    case 'timer':
      return explainTimer(index, job);
    case 'immediate':
      return explainImmediate(index, job);
    case 'io':
      return [
        'io',
        job.event !== undefined
          ? `Poll phase: an I/O operation finished, so Node ran this \`${job.event}\` listener of the program's.`
          : `Poll phase: an I/O operation finished, so Node ran its callback (${job.label}).`,
      ];
    case 'other':
      return explainOther(index, job);
  }
}

/** A callback of Node's from no queue the runtime sees: a process event's listener says more. */
function explainOther(index: TraceIndex, job: TraceJob): [WhyRule, string] {
  if (job.event === 'unhandledRejection') {
    const reported = reportedIn(index, job);
    const which =
      reported.length === 0
        ? 'a rejected promise'
        : `${reported.length === 1 ? 'promise' : 'promises'} ${idList(reported)}`;
    return [
      'rejection-event',
      `The microtask queue had drained and ${which}, rejected, still had no handler, so Node emitted \`unhandledRejection\` and ran this listener of the program's (with no listener, Node's default would have ended the program).`,
    ];
  }
  if (job.event === 'rejectionHandled')
    return [
      'rejection-event',
      "A promise Node had already reported as unhandled got a handler, so once the microtask queue had drained Node emitted `rejectionHandled` and ran this listener of the program's.",
    ];
  return [
    'other',
    `Node ran this callback (${job.label}); the trace does not record which of its queues it came from.`,
  ];
}

/** The promises the trace marks unhandled within `job`: those Node reported to its listener. */
function reportedIn(index: TraceIndex, job: TraceJob): number[] {
  const ids: number[] = [];
  const end = Math.min(job.endedAt ?? index.events.length - 1, index.events.length - 1);
  for (let seq = job.startedAt; seq <= end; seq++) {
    const event = index.events[seq];
    if (event.type === 'unhandled') ids.push(event.promise);
  }
  return ids;
}
