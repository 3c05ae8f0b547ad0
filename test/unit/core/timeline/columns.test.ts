import * as assert from 'node:assert/strict';
import { interpolateTime, layoutTrace } from '../../../../src/core/timeline/layout';
import { groupedAwaits } from '../../../../src/core/trace/awaits';
import { stepsOf } from '../../../../src/core/trace/steps';
import { encodeNative } from '../../../../src/core/trace/format/native';
import { decodeNativeLazy } from '../../../../src/core/trace/format/nativeLazy';
import type { Trace } from '../../../../src/core/trace/model';
import { allFailsFast, manyEvents, microtasksBeforeTimers, plainLayout, TraceBuilder } from './fixture';

/**
 * Node's own promises and jobs among the program's, an internal enqueue, awaits grouped on their async
 * function (one through V8's wrapper, one in an internal function), events without times, seqs with gaps
 * and an event type this version does not know: what the layout's column scan must read as the rows do.
 */
function mixedTrace(): Trace {
  const b = new TraceBuilder();
  const loader = b.start(undefined, 'microtask', 'resolve with thenable');
  for (let i = 0; i < 3; i++) b.get(b.promise('unknown')).internal = true;
  b.end();
  b.trace.jobs[loader].internal = true;
  b.start();
  const fn = b.promise('async');
  const wrapper = b.promise('await');
  const awaited = b.promise('await', wrapper);
  b.get(wrapper).awaitIn = fn;
  b.get(awaited).awaitIn = fn;
  const inner = b.promise('async');
  b.get(inner).internal = true;
  const innerAwait = b.promise('await', fn);
  b.get(innerAwait).awaitIn = inner;
  const later = b.enqueue('timer', 'setTimeout 0 ms');
  const own = b.enqueue('io', 'fs.read');
  b.trace.jobs[own].internal = true;
  // Node's code queued it, and it never ran: only its enqueue says it is Node's.
  b.enqueue('immediate', 'setImmediate');
  const events = b.trace.events as unknown as Record<string, unknown>[];
  events[events.length - 1].internal = true;
  b.trace.jobs.pop();
  b.log('hello');
  b.end();
  b.start(later);
  b.settle(awaited, 'fulfilled');
  b.settle(fn, 'fulfilled');
  b.end();
  b.start(own);
  b.end();
  const trace = b.trace;
  // No time on a few events; a gap in the seqs; an event of a later version.
  for (const e of trace.events.slice(0, 4)) delete e.time;
  for (const e of trace.events.slice(6)) e.seq += 3;
  trace.events.splice(8, 0, { seq: trace.events[7].seq + 1, type: 'later-kind' } as unknown as Trace['events'][0]);
  return trace;
}

/** Ids far apart, as no tracer gives them: the layout's id lookups fall back to maps. */
function sparseIds(): Trace {
  const trace = mixedTrace();
  const big = (id: number) => id * 1_000_003 + 7;
  const promiseIds = new Map(trace.promises.map((p) => [p.id, big(p.id)]));
  const jobIds = new Map(trace.jobs.map((j) => [j.id, big(j.id)]));
  for (const p of trace.promises) {
    p.id = promiseIds.get(p.id)!;
    if (p.parent !== null) p.parent = promiseIds.get(p.parent) ?? p.parent;
    if (p.awaitIn !== undefined) p.awaitIn = promiseIds.get(p.awaitIn)!;
  }
  for (const j of trace.jobs) j.id = jobIds.get(j.id)!;
  for (const e of trace.events) {
    if ('promise' in e) e.promise = promiseIds.get(e.promise) ?? e.promise;
    if ('job' in e && e.job !== null) e.job = jobIds.get(e.job) ?? e.job;
  }
  return trace;
}

const traces: [string, () => Trace][] = [
  ['mixed', mixedTrace],
  ['mixed, with sparse ids', sparseIds],
  ['microtasks before timers', () => microtasksBeforeTimers().trace],
  ['Promise.all failing fast', () => allFailsFast().trace],
  ['5k events', () => manyEvents(5000)],
];

describe('timeline layout from columns', () => {
  for (const [name, make] of traces)
    for (const internals of [false, true]) {
      it(`takes the steps of the one step model (stepsOf) and groups awaits as groupedAwaits: ${name}, internals ${internals}`, () => {
        const trace = make();
        const layout = layoutTrace(trace, { internals });
        const steps = stepsOf(trace, { internals });
        assert.equal(layout.steps, steps.count);
        assert.deepEqual([...layout.trace.events], steps.trace.events);
        if (steps.trace === trace) assert.equal(layout.trace, trace);
        const seqs = trace.events.map((e) => e.seq);
        for (const seq of [-1, ...seqs, ...seqs.map((s) => s + 1), 1e9])
          assert.equal(layout.stepOfSeq(seq), steps.indexOf(seq), `seq ${seq}`);
        assert.deepEqual(layout.awaitOwner, groupedAwaits(trace.promises, internals));
        // Id → index as a Map filled in order says it (the last with an id), for ids in a table and not.
        const map = new Map(trace.promises.map((p, i) => [p.id, i]));
        for (const id of [-1, 0.5, ...map.keys(), ...[...map.keys()].map((k) => k + 1)])
          assert.equal(layout.promiseIndex.get(id), map.get(id), `promise id ${id}`);
        assert.deepEqual(layout.time, interpolateTime(steps.trace));
        assert.equal(
          layout.timed,
          steps.trace.events.some((e) => typeof e.time === 'number'),
        );
      });

      it(`lays out the lazily decoded trace exactly as its rows: ${name}, internals ${internals}`, () => {
        const trace = make();
        const fromRows = layoutTrace(trace, { internals });
        const fromColumns = layoutTrace(decodeNativeLazy(encodeNative(trace)), { internals });
        assert.deepEqual(plainLayout(fromColumns), plainLayout(fromRows));
      });
    }

  it('groups an await whose async function is internal only when internals are shown', () => {
    const trace = mixedTrace();
    const inner = trace.promises.findIndex((p) => p.kind === 'async' && p.internal);
    const innerAwait = trace.promises.findIndex((p) => p.awaitIn === trace.promises[inner].id);
    assert.equal(layoutTrace(trace).awaitOwner.get(innerAwait), undefined);
    assert.equal(layoutTrace(trace, { internals: true }).awaitOwner.get(innerAwait), inner);
    const fn = trace.promises.findIndex((p) => p.kind === 'async' && !p.internal);
    // The wrapper is drawn on the function's row but is not an await of its own.
    assert.equal(layoutTrace(trace).awaitsOf.get(fn)?.length, 1);
  });
});
