/**
 * The event-loop view's model (core/timeline/loopModel.ts) at chosen steps of real traced programs:
 * each program runs under the tracer as the extension runs it, and the boxes must hold the jobs the
 * event loop's rules put there. Steps are found by what the program printed, never by number.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import { layoutTrace, type TimelineLayout } from '../../../../src/core/timeline/layout';
import { LOOP_BOX_MAX, LOOP_CONSOLE_MAX, loopModelAt, type LoopModel } from '../../../../src/core/timeline/loopModel';
import type { Trace } from '../../../../src/core/trace/model';
import { distDir, root, testNode } from '../../../shared/runHelpers';
import { manyEvents, TraceBuilder } from '../../../unit/core/timeline/fixture';

async function traced(relative: string): Promise<{ trace: Trace; layout: TimelineLayout }> {
  const trace = await runTrace({ file: join(root, relative), distDir, node: await testNode() });
  assert.equal(trace.exit.reason, 'completed', `${relative} ran to its end`);
  return { trace, layout: layoutTrace(trace) };
}

/** The step at which the program printed `text`. */
function printed(layout: TimelineLayout, text: string): number {
  const step = layout.trace.events.findIndex((e) => e.type === 'console' && e.text === text);
  assert.ok(step >= 0, `"${text}" was printed`);
  return step;
}

/** The labels waiting in each box, without the place (`then handler`), by queue. */
function boxes(model: LoopModel): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const box of model.queues) out[box.task] = box.items.map((i) => i.label.replace(/ \(.*\)$/, ''));
  return out;
}

const stackLabels = (model: LoopModel) => model.stack.map((i) => i.label.replace(/ \(.*\)$/, ''));

describe('event-loop view model (core/timeline/loopModel)', function () {
  this.timeout(60_000);

  describe('examples/microtasks-before-timers.js', () => {
    let layout: TimelineLayout;
    let trace: Trace;
    before(async () => ({ trace, layout } = await traced('examples/microtasks-before-timers.js')));

    it('at the end of the script: a tick, a microtask, a timer and an immediate wait, the script runs', () => {
      const model = loopModelAt(layout, printed(layout, '2: script end'));
      assert.deepEqual(stackLabels(model), ['main script']);
      assert.deepEqual(boxes(model), {
        nextTick: ['process.nextTick'],
        microtask: ['then handler'],
        timer: ['setTimeout 0 ms'],
        immediate: ['setImmediate'],
        io: [],
      });
      // Node runs a 0 ms timer after 1 ms.
      assert.equal(model.queues.find((b) => b.task === 'timer')!.items[0].due?.delayMs, 1);
      assert.deepEqual(
        model.console.map((l) => l.text),
        ['1: script start', '2: script end'],
      );
      const script = trace.jobs.find((j) => j.task === 'script')!;
      assert.ok(script.why, 'the script has a why');
      assert.deepEqual(model.why, script.why);
    });

    it('in the nextTick callback the tick has left its queue for the call stack', () => {
      const model = loopModelAt(layout, printed(layout, '3: nextTick'));
      assert.deepEqual(stackLabels(model), ['process.nextTick']);
      assert.deepEqual(boxes(model).nextTick, []);
      assert.deepEqual(boxes(model).microtask, ['then handler']);
      assert.match(model.why?.text ?? '', /process\.nextTick/);
    });

    it('a microtask queued by a microtask waits in the same queue, before any timer', () => {
      const handler = layout.trace.jobs.findIndex((j) => j.label === 'queueMicrotask');
      const queuedAt = layout.jobEnqueued[handler];
      const model = loopModelAt(layout, queuedAt);
      assert.deepEqual(stackLabels(model), ['then handler']);
      assert.deepEqual(boxes(model).microtask, ['queueMicrotask']);
      assert.deepEqual(boxes(model).timer, ['setTimeout 0 ms']);
      assert.equal(model.event, `job #${layout.trace.jobs[handler].id} queued (microtasks)`);
      const timer = model.queues.find((b) => b.task === 'timer')!.items[0];
      assert.ok(timer.due && timer.due.passed, `the 0 ms timer is already due: ${JSON.stringify(timer.due)}`);
    });

    it('in the timer callback the immediate still waits unless it ran first (Node leaves that order open)', () => {
      const model = loopModelAt(layout, printed(layout, '6: timeout'));
      assert.deepEqual(stackLabels(model), ['setTimeout 0 ms']);
      const immediateFirst = printed(layout, '7: immediate') < printed(layout, '6: timeout');
      assert.deepEqual(boxes(model).immediate, immediateFirst ? [] : ['setImmediate']);
      assert.equal(model.console.length, immediateFirst ? 7 : 6);
      assert.deepEqual(boxes(model).microtask, []);
    });
  });

  describe('test/golden/traces/io-timers-immediates.js', () => {
    let layout: TimelineLayout;
    before(async () => ({ layout } = await traced('test/golden/traces/io-timers-immediates.js')));

    it('before the read finishes its callback is not shown waiting, but counted as still to come', () => {
      const scriptEnd = layout.jobEnd[layout.trace.jobs.findIndex((j) => j.task === 'script')];
      const io = loopModelAt(layout, scriptEnd).queues.find((b) => b.task === 'io')!;
      assert.deepEqual(io.items, []);
      assert.equal(io.later, 1);
    });

    it('in the I/O callback, then in its tick: the immediate goes before the timer', () => {
      const read = loopModelAt(layout, printed(layout, 'read done'));
      assert.deepEqual(stackLabels(read), ['fs callback']);
      assert.equal(read.queues.find((b) => b.task === 'io')!.later, 0);
      const tick = loopModelAt(layout, printed(layout, 'tick inside I/O'));
      assert.deepEqual(stackLabels(tick), ['process.nextTick']);
      assert.deepEqual(boxes(tick), {
        nextTick: [],
        microtask: [],
        timer: ['setTimeout 0 ms'],
        immediate: ['setImmediate'],
        io: [],
      });
      const immediate = loopModelAt(layout, printed(layout, 'immediate'));
      assert.deepEqual(stackLabels(immediate), ['setImmediate']);
      assert.deepEqual(boxes(immediate).timer, ['setTimeout 0 ms']);
      assert.match(immediate.why?.text ?? '', /I\/O callback/);
    });

    it("a timer's due time is its delay after the time it was set", () => {
      const timer = layout.trace.jobs.findIndex((j) => j.task === 'timer');
      const model = loopModelAt(layout, printed(layout, 'tick inside I/O'));
      const item = model.queues.find((b) => b.task === 'timer')!.items[0];
      assert.equal(item.job, timer);
      assert.equal(item.due?.at, layout.time[layout.jobEnqueued[timer]] + 1000);
      assert.ok(model.now !== null && model.now >= layout.time[layout.jobEnqueued[timer]]);
    });
  });

  describe('test/golden/traces/timers-ms-apart.js', () => {
    it('lists the timers in the order they will run, which is the order they are due', async () => {
      const { layout } = await traced('test/golden/traces/timers-ms-apart.js');
      const scriptEnd = layout.jobEnd[layout.trace.jobs.findIndex((j) => j.task === 'script')];
      const timers = loopModelAt(layout, scriptEnd).queues.find((b) => b.task === 'timer')!.items;
      assert.deepEqual(
        timers.map((t) => t.due?.delayMs),
        [1, 1, 4, 7, 10, 13, 16, 22],
      );
      for (let k = 1; k < timers.length; k++)
        assert.ok(timers[k].due!.at >= timers[k - 1].due!.at, `due times ascend: ${JSON.stringify(timers)}`);
    });
  });

  it('counts what it does not list: queues past the box, console lines past the window', () => {
    const b = new TraceBuilder();
    b.start();
    const queued: number[] = [];
    for (let i = 0; i < LOOP_BOX_MAX + 5; i++) queued.push(b.enqueue('immediate', 'setImmediate'));
    b.end();
    const scriptEnd = b.trace.events.length - 1;
    for (const id of queued) {
      b.start(id);
      b.end();
    }
    const model = loopModelAt(layoutTrace(b.trace), scriptEnd);
    const box = model.queues.find((q) => q.task === 'immediate')!;
    assert.equal(box.items.length, LOOP_BOX_MAX);
    assert.equal(box.more, 5);

    const big = layoutTrace(manyEvents(3000));
    const end = loopModelAt(big, big.steps - 1);
    assert.equal(end.console.length, LOOP_CONSOLE_MAX);
    assert.equal(end.consoleEarlier, big.consoleSteps.length - LOOP_CONSOLE_MAX);
    const lastLine = big.trace.events[big.consoleSteps[big.consoleSteps.length - 1]];
    assert.equal(end.console[end.console.length - 1].text, lastLine.type === 'console' ? lastLine.text : '');
  });

  it('has nothing running and no times for a trace without them', () => {
    const b = new TraceBuilder();
    b.trace.events.push({ seq: 0, type: 'console', stream: 'stdout', text: 'outside', task: 'other', job: null });
    const model = loopModelAt(layoutTrace(b.trace), 0);
    assert.deepEqual(model.stack, []);
    assert.equal(model.why, null);
    assert.equal(model.now, null);
    assert.deepEqual(
      model.console.map((l) => l.text),
      ['outside'],
    );
  });
});
