/**
 * Which async function each `await` belongs to (core/trace/awaits.ts), read from the order of events
 * as the runtime records them, and how the views count and draw them: not as rows, but on their
 * function's row (core/timeline/layout.ts, core/timeline/awaits.ts), in the counts and the text format.
 */
import * as assert from 'node:assert';
import { awaitOwners, groupedAwaits, markAwaits } from '../../../../src/core/trace/awaits';
import { THENABLE_JOB_LABEL, type Trace } from '../../../../src/core/trace/model';
import { layoutTrace } from '../../../../src/core/timeline/layout';
import { awaitCount, awaitingAt, awaitSpans } from '../../../../src/core/timeline/awaits';
import { summarize, summaryText } from '../../../../src/core/trace/format/summary';
import { traceToText } from '../../../../src/core/trace/format/text';
import { stepsOf } from '../../../../src/core/trace/steps';
import { TraceBuilder } from '../timeline/fixture';

/**
 * `async function load() { await fetchA(); await 2; return 3 }  load().then(...)`, as recorded:
 * the await of a promise, then the await of a value (V8's wrapper, then the await's own promise).
 */
function twoAwaits(): {
  b: TraceBuilder;
  load: number;
  fetched: number;
  first: number;
  wrapper: number;
  second: number;
} {
  const b = new TraceBuilder();
  b.start();
  const load = b.promise('async', null, [], 10);
  const fetched = b.promise('new', null, [], 8);
  const timer = b.enqueue('timer', 'setTimeout 5 ms', null, 8);
  const first = b.promise('await', fetched, [], 2);
  const then = b.promise('then', load, [], 10);
  b.end();
  b.start(timer);
  b.settle(fetched, 'fulfilled', { type: 'number', text: '1' });
  const resume1 = b.enqueue('microtask', 'await continuation', first, 2);
  b.end();
  b.start(resume1);
  const wrapper = b.promise('await', null, [], 3);
  b.settle(wrapper, 'fulfilled', { type: 'number', text: '2' });
  const second = b.promise('await', wrapper, [], 3);
  const resume2 = b.enqueue('microtask', 'await continuation', second, 3);
  b.settle(first, 'fulfilled');
  b.end();
  b.start(resume2);
  b.settle(load, 'fulfilled', { type: 'number', text: '3' });
  const handler = b.enqueue('microtask', 'then handler', then, 10);
  b.settle(second, 'fulfilled');
  b.end();
  b.start(handler);
  b.settle(then, 'fulfilled');
  b.end();
  return { b, load, fetched, first, wrapper, second };
}

describe('awaits: which async function each await belongs to', () => {
  it('gives both awaits of a function, the wrapper of a value too, to that function', () => {
    const { b, load, first, wrapper, second } = twoAwaits();
    const owners = awaitOwners(b.trace);
    assert.deepStrictEqual(
      [...owners.entries()].sort((x, y) => x[0] - y[0]),
      [
        [first, load],
        [wrapper, load],
        [second, load],
      ],
    );
  });

  it('gives an await to the innermost async function running, and the next one to its caller', () => {
    // async function main() { await loadUser() }  async function loadUser() { await delay() }
    const b = new TraceBuilder();
    b.start();
    const main = b.promise('async', null, [], 20);
    const user = b.promise('async', null, [], 15);
    const delay = b.promise('new', null, [], 5);
    const inUser = b.promise('await', delay, [], 11);
    const inMain = b.promise('await', user, [], 15);
    b.end();
    const owners = awaitOwners(b.trace);
    assert.strictEqual(owners.get(inUser), user);
    assert.strictEqual(owners.get(inMain), main);
  });

  it('takes a function that returned or threw off the stack: the next await is its caller’s', () => {
    // async function outer() { try { await thrower() } catch {} }: thrower rejects before the await.
    const b = new TraceBuilder();
    b.start();
    const outer = b.promise('async', null, [], 8);
    const thrower = b.promise('async', null, [], 11);
    b.settle(thrower, 'rejected', { type: 'error', text: 'Error: x' });
    const awaited = b.promise('await', thrower, [], 11);
    b.end();
    assert.strictEqual(awaitOwners(b.trace).get(awaited), outer);
  });

  it('resumes the function of an await continuation job, whose next await is its own', () => {
    const b = new TraceBuilder();
    b.start();
    const fn = b.promise('async', null, [], 1);
    const p = b.promise('new', null, [], 2);
    const first = b.promise('await', p, [], 3);
    const other = b.promise('async', null, [], 9);
    b.settle(p, 'fulfilled');
    const resume = b.enqueue('microtask', 'await continuation', first, 3);
    b.end();
    b.start(resume);
    const second = b.promise('await', other, [], 4);
    b.end();
    const owners = awaitOwners(b.trace);
    assert.strictEqual(owners.get(first), fn);
    assert.strictEqual(owners.get(second), fn, 'not the other async function made in the script');
  });

  /** `async function inner() { return sleep() }` called by outer, which then awaits: inner's return left no event. */
  function returnedPromise(): { b: TraceBuilder; outer: number; inner: number; awaited: number } {
    const b = new TraceBuilder();
    b.start();
    const outer = b.promise('async', null, [], 8);
    const inner = b.promise('async', null, [], 9);
    b.promise('new', null, [], 1);
    const adopt = b.enqueue('microtask', THENABLE_JOB_LABEL, inner, 3);
    const wrapper = b.promise('await', null, [], 10);
    const awaited = b.promise('await', wrapper, [], 10);
    b.end();
    b.start(adopt);
    b.end();
    return { b, outer, inner, awaited };
  }

  it('leaves an await ungrouped after a function that returned a promise, unless the source tells whose it is', () => {
    const { b, outer, inner, awaited } = returnedPromise();
    assert.strictEqual(awaitOwners(b.trace).get(awaited), undefined, 'no source: no guess');
    const notInner = awaitOwners(b.trace, (_, fn) => (fn.id === inner ? false : undefined));
    assert.strictEqual(notInner.get(awaited), outer);
    const inInner = awaitOwners(b.trace, (_, fn) => fn.id === inner);
    assert.strictEqual(inInner.get(awaited), inner);
    // A recursive call: the caller runs the same function, so either could have awaited.
    assert.strictEqual(awaitOwners(b.trace, () => true).get(awaited), undefined);
  });

  it('groups only the awaits of a function the view shows (not Node’s, unless internals are shown)', () => {
    const { b, load, first } = twoAwaits();
    markAwaits(b.trace);
    b.get(load).internal = true;
    const index = (id: number) => b.trace.promises.findIndex((p) => p.id === id);
    assert.strictEqual(groupedAwaits(b.trace.promises).size, 0);
    assert.strictEqual(groupedAwaits(b.trace.promises, true).get(index(first)), index(load));
  });
});

describe('awaits in the views', () => {
  function marked(): ReturnType<typeof twoAwaits> & { trace: Trace } {
    const made = twoAwaits();
    markAwaits(made.b.trace);
    return { ...made, trace: made.b.trace };
  }

  it('draws no row for an await’s promises: one row per promise the learner made', () => {
    const { trace, load, first, wrapper, second } = marked();
    const layout = layoutTrace(trace);
    const rowIds = Array.from(layout.rows, (i) => trace.promises[i].id);
    assert.deepStrictEqual(rowIds, [load, load + 1, load + 3], 'load(), new Promise, .then');
    const index = (id: number) => layout.promiseIndex.get(id)!;
    for (const id of [first, wrapper, second]) {
      assert.strictEqual(layout.rowOf[index(id)], -1);
      assert.strictEqual(layout.awaitOwner.get(index(id)), index(load));
    }
    assert.deepStrictEqual(layout.awaitsOf.get(index(load)), [index(first), index(second)]);
    assert.strictEqual(awaitCount(layout), 2);
  });

  it('keeps the steps: an await still takes the step of its event, as the hover counts it', () => {
    const { trace } = marked();
    const unmarked = twoAwaits().b.trace;
    assert.strictEqual(layoutTrace(trace).steps, stepsOf(unmarked).count);
    assert.strictEqual(layoutTrace(trace).steps, trace.events.length);
  });

  it('says where each await is, what it waited for and when it resumed; and which one the function is stopped at', () => {
    const { trace, load, first, second } = marked();
    const layout = layoutTrace(trace);
    const index = (id: number) => layout.promiseIndex.get(id)!;
    const spans = awaitSpans(layout, index(load));
    assert.deepStrictEqual(
      spans.map((s) => s.waitedFor),
      ['#101 new example.js:8', 'the value 2'],
    );
    const step = (seq: number) => layout.stepOfSeq(seq);
    assert.strictEqual(spans[0].start, step(trace.promises[index(first)].createdAt));
    const resume1 = trace.jobs.find((j) => j.promise === first)!;
    assert.strictEqual(spans[0].resume, step(resume1.startedAt));
    assert.strictEqual(spans[1].resume, step(trace.jobs.find((j) => j.promise === second)!.startedAt));
    assert.strictEqual(spans[0].waitedForIndex, index(101));
    assert.strictEqual(awaitingAt(layout, index(load), spans[0].start)?.index, index(first));
    assert.strictEqual(awaitingAt(layout, index(load), spans[0].resume), undefined, 'running again');
    assert.strictEqual(awaitingAt(layout, index(load), spans[1].start)?.index, index(second));
  });

  it('counts promises and awaits the same way in the summary and the text format', () => {
    const { trace, load, first, wrapper } = marked();
    const s = summarize(trace);
    assert.strictEqual(s.promises, 3);
    assert.strictEqual(s.awaits, 2);
    assert.strictEqual(s.promises, layoutTrace(trace).rows.length, 'the toolbar counts the rows');
    assert.match(summaryText(trace), /^3 promises, 2 awaits, 5 jobs/);
    const text = traceToText(trace);
    const lines = text.split('\n').map((l) => l.trim().replace(/^\d+\s+/, ''));
    assert.ok(
      lines.includes(`+ await in promise ${load}: its own promise ${first}, waiting for promise 101 at example.js:2:1`),
      text,
    );
    assert.ok(
      lines.includes(
        `+ await in promise ${load} of a value that is not a promise: V8 wraps it in promise ${wrapper} at example.js:3:1`,
      ),
      text,
    );
    assert.ok(lines.includes(`✓ promise ${first} fulfilled: undefined (await in promise ${load})`), text);
    // Without the marks (an older trace), every promise is a row and counted as one.
    assert.strictEqual(summarize(twoAwaits().b.trace).promises, 6);
    assert.strictEqual(summarize(twoAwaits().b.trace).awaits, 0);
  });
});
