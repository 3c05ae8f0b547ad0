// A small but complete trace, written by hand, that exercises every part of the model the formats
// must carry: every event type, optional fields present and absent, null locations, an internal
// promise, an unfinished job.
import type { Trace } from '../../../../../src/core/trace/model';

const file = '/work/app/main.js';
const lib = '/work/app/lib.js';

export function fixtureTrace(): Trace {
  return {
    version: 1,
    file,
    node: 'v20.20.2',
    startedAt: '2026-11-21T16:00:00.000Z',
    durationMs: 12.5,
    truncated: false,
    exit: { code: 1, signal: null, reason: 'crashed', message: 'Error: late failure' },
    promises: [
      {
        id: 1,
        kind: 'resolve',
        parent: null,
        inputs: [],
        location: { file, line: 3, column: 1 },
        state: 'fulfilled',
        value: { type: 'number', text: '42' },
        createdAt: 1,
        settledAt: 1,
        settledIn: 0,
        reactions: [
          { on: 'fulfil', handler: { file, line: 3, column: 26 }, child: 2 },
          { on: 'reject', handler: null, child: 2 },
        ],
        internal: false,
      },
      {
        id: 2,
        kind: 'then',
        parent: 1,
        inputs: [],
        location: { file, line: 3, column: 20 },
        state: 'rejected',
        value: { type: 'error', text: 'Error: no <b>markup</b> & "quotes"', truncated: true },
        createdAt: 2,
        settledAt: 9,
        settledIn: 3,
        reactions: [],
        internal: false,
        unhandled: true,
      },
      {
        id: 3,
        kind: 'all',
        parent: null,
        inputs: [1, 2],
        location: { file: lib, line: 10, column: 5 },
        state: 'pending',
        value: null,
        createdAt: 4,
        settledAt: null,
        settledIn: null,
        reactions: [{ on: 'both', handler: { file: lib, line: 11, column: 9 }, child: null }],
        internal: false,
      },
      {
        id: 4,
        kind: 'unknown',
        parent: null,
        inputs: [],
        location: null,
        state: 'fulfilled',
        value: { type: 'undefined', text: 'undefined' },
        createdAt: 5,
        settledAt: 6,
        settledIn: 0,
        reactions: [],
        internal: true,
      },
    ],
    jobs: [
      {
        id: 0,
        task: 'script',
        enqueuedAt: null,
        startedAt: 0,
        endedAt: 7,
        promise: null,
        location: { file, line: 1, column: 1 },
        label: 'main',
      },
      {
        id: 1,
        task: 'nextTick',
        enqueuedAt: 3,
        startedAt: 8,
        endedAt: 10,
        promise: null,
        location: { file, line: 5, column: 18 },
        label: 'process.nextTick',
      },
      {
        id: 2,
        task: 'timer',
        enqueuedAt: 5,
        startedAt: 14,
        endedAt: null,
        promise: null,
        location: { file, line: 7, column: 12 },
        label: 'setTimeout 0 ms',
      },
      {
        id: 3,
        task: 'microtask',
        enqueuedAt: 1,
        startedAt: 11,
        endedAt: 13,
        promise: 2,
        location: { file, line: 3, column: 26 },
        label: 'then handler',
      },
    ],
    events: [
      { seq: 0, type: 'job-start', job: 0, task: 'script', time: 0 },
      { seq: 1, type: 'promise', promise: 1 },
      { seq: 2, type: 'promise', promise: 2 },
      { seq: 3, type: 'enqueue', job: 1, task: 'nextTick' },
      { seq: 4, type: 'promise', promise: 3 },
      { seq: 5, type: 'enqueue', job: 2, task: 'timer' },
      { seq: 6, type: 'console', stream: 'stdout', text: 'script end', task: 'script', job: 0, time: 850 },
      { seq: 7, type: 'job-end', job: 0, time: 900 },
      { seq: 8, type: 'job-start', job: 1, task: 'nextTick', time: 1000 },
      { seq: 9, type: 'settle', promise: 2, state: 'rejected' },
      { seq: 10, type: 'job-end', job: 1, time: 1100.5 },
      { seq: 11, type: 'job-start', job: 3, task: 'microtask', time: 1200 },
      {
        seq: 12,
        type: 'console',
        stream: 'stderr',
        text: 'warning: two\nlines',
        task: 'microtask',
        job: 3,
        time: 1250,
      },
      { seq: 13, type: 'job-end', job: 3, time: 1300 },
      { seq: 14, type: 'job-start', job: 2, task: 'timer', time: 5000 },
      { seq: 15, type: 'unhandled', promise: 2 },
      { seq: 16, type: 'console', stream: 'stdout', text: 'in the timer', task: 'timer', job: 2, time: 5100 },
      {
        seq: 17,
        type: 'console',
        stream: 'stderr',
        text: 'from a child process',
        task: 'other',
        job: null,
        time: 5100,
        outside: true,
      },
    ],
  };
}

/**
 * The fixture with values of every kind a column holds: odd numbers and strings, mixed columns, nested
 * lists, absent keys, an own `__proto__` key.
 */
export function oddTrace(): Trace {
  const trace = fixtureTrace();
  const rows = trace.events as unknown as Record<string, unknown>[];
  rows[0].odd = [
    { n: Number.NaN, big: 2 ** 60, neg: -5, zero: -0, inf: -Infinity },
    { n: 1.5, big: -(2 ** 53), neg: -(2 ** 50), zero: 0, inf: Infinity },
  ];
  rows[0].surrogate = 'a\uD800b \uDC00 🙂';
  rows[0].nul = 'x\u0000y 12';
  rows[1].mixed = 'text';
  rows[2].mixed = 12;
  rows[3].mixed = { a: [1, null, 'two', [3, [4]], {}] };
  rows[4].mixed = null;
  rows[5].mixed = undefined;
  rows[1].flag = true;
  rows[2].flag = null;
  rows[3].flag = false;
  rows[0].empty = [];
  rows[1].empty = [[], [[]]];
  Object.defineProperty(rows[1], '__proto__', { value: { polluted: true }, enumerable: true, writable: true });
  return trace;
}
