/**
 * The rule ids a job's `why` carries, each with what it means: a stable list, documented in
 * docs/trace-format.md, that tests and the puzzle mode match on.
 */

/** The rule ids and what each means; docs/trace-format.md lists the same. */
export const RULES = {
  script: 'the main script or ES module body: it runs first, as one job',
  'next-tick':
    'a `process.nextTick` callback: Node runs that queue as soon as the call stack empties, before promise jobs',
  'queue-microtask': 'a `queueMicrotask` callback: it waits in the microtask queue with promise jobs, in order',
  reaction: 'a `.then`/`.catch`/`.finally` handler, queued when its promise settled (or at once if it had)',
  'pass-through': 'a reaction with no handler for how the promise settled: V8 only passes the value or reason on',
  'await-resume': 'an async function resumes after an `await`, because the awaited promise settled',
  'await-value': 'an `await` of a value that is not a promise: it still waits one microtask',
  'adopt-thenable':
    'a promise was resolved with a promise (a handler or async function returned one): V8 calls its `then`, the first of two extra microtasks',
  'adopt-settle': 'the adopted promise settled: the adopting promise takes its value, the second extra microtask',
  'combinator-input': 'an input of `Promise.all`/`allSettled`/`race`/`any` settled; the combinator still waits',
  'combinator-settled': 'an input settled and decided the combinator (fail fast, all done, a race or any won)',
  'combinator-late': 'an input settled after its combinator had already settled: its result is ignored',
  'promise-job': 'another promise job V8 queued (no more is known of it)',
  timer: 'timers phase: a timer that was due',
  'timer-or-immediate':
    'a 0 ms timer and a `setImmediate` both set before the event loop started: Node does not promise their order',
  immediate: 'check phase: a `setImmediate` callback, after the event loop polled for I/O',
  'immediate-after-io': 'a `setImmediate` set in an I/O callback: the check phase comes right after, before any timer',
  io: 'poll phase: an I/O operation finished and Node ran its callback',
  'rejection-event':
    'a listener of `unhandledRejection` or `rejectionHandled`: Node emits them once the microtask queue has drained',
  other: 'a callback Node ran from a queue the trace does not name',
} as const;

export type WhyRule = keyof typeof RULES;
