import * as assert from 'node:assert/strict';
import { layoutTrace, interpolateTime, seqOfStep, visibleJobs } from '../../../../src/core/timeline/layout';
import { makeSeqToStep } from '../../../../src/core/trace/steps';
import { fanIn, jobAt, liveRowsAt, promiseStateAt, queuesAt } from '../../../../src/core/timeline/queues';
import { buildOverview, axisLength } from '../../../../src/core/timeline/overview';
import {
  describeEvent,
  describeJob,
  formatMicros,
  jobTitle,
  promiseTitle,
} from '../../../../src/core/timeline/describe';
import { locationOfTarget, sourceAtStep } from '../../../../src/core/timeline/source';
import { describeTarget } from '../../../../src/core/hover/describe';
import { stepNumber } from '../../../../src/core/trace/steps';
import { allFailsFast, manyEvents, microtasksBeforeTimers, TraceBuilder } from './fixture';

const waitingLabels = (layout: ReturnType<typeof layoutTrace>, step: number) =>
  Object.fromEntries(queuesAt(layout, step).map((q) => [q.task, q.waiting.map((j) => layout.trace.jobs[j].label)]));

describe('timeline layout', () => {
  it('gives every queue a lane, in event-loop order, and puts each job in its own lane in run order', () => {
    const { trace, jobs } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    assert.deepEqual(
      layout.lanes.map((l) => l.task),
      ['script', 'nextTick', 'microtask', 'timer', 'immediate', 'io'],
    );
    const micro = layout.lanes[2];
    assert.deepEqual(
      Array.from(micro.jobs).map((j) => trace.jobs[j].id),
      [jobs.reaction, jobs.queued],
    );
    assert.equal(layout.laneOfJob[jobs.timer], 3);
    assert.equal(layout.laneOfJob[jobs.immediate], 4);
    for (const lane of layout.lanes)
      for (let k = 1; k < lane.starts.length; k++) assert.ok(lane.starts[k] > lane.starts[k - 1]);
  });

  it('adds an `other` lane only when a job ran there', () => {
    const b = new TraceBuilder();
    const id = b.enqueue('other', 'native callback');
    b.start(id);
    b.end();
    assert.equal(layoutTrace(b.trace).lanes.at(-1)?.task, 'other');
    assert.ok(!layoutTrace(microtasksBeforeTimers().trace).lanes.some((l) => l.task === 'other'));
  });

  it('maps seq numbers with gaps onto steps', () => {
    const { trace } = microtasksBeforeTimers();
    trace.events.forEach((e, i) => (e.seq = i * 3));
    const toStep = makeSeqToStep(trace);
    assert.equal(toStep(0), 0);
    assert.equal(toStep(3), 1);
    assert.equal(toStep(4), 1);
    assert.equal(toStep(10_000), trace.events.length - 1);
  });

  it('interpolates wall-clock time between events that carry one, never going backwards', () => {
    const { trace } = microtasksBeforeTimers();
    const time = interpolateTime(trace);
    assert.equal(time.length, trace.events.length);
    for (let i = 1; i < time.length; i++) assert.ok(time[i] >= time[i - 1], `time goes back at ${i}`);
    const timed = trace.events.findIndex((e, i) => i > 0 && e.time !== undefined);
    assert.equal(time[timed], trace.events[timed].time);
  });

  it('hides Node-internal promises unless asked, and orders rows by creation', () => {
    const b = new TraceBuilder();
    b.start();
    const a = b.promise('new');
    const internal = b.promise('unknown');
    b.get(internal).internal = true;
    const c = b.promise('then', a);
    b.end();
    const hidden = layoutTrace(b.trace);
    assert.deepEqual(
      Array.from(hidden.rows).map((i) => b.trace.promises[i].id),
      [a, c],
    );
    assert.equal(hidden.rowOf[1], -1);
    const shown = layoutTrace(b.trace, { internals: true });
    assert.deepEqual(
      Array.from(shown.rows).map((i) => b.trace.promises[i].id),
      [a, internal, c],
    );
  });

  it('leaves Node-internal jobs out of the lanes unless asked', () => {
    const b = new TraceBuilder();
    const loader = b.start(undefined, 'microtask', 'resolve with thenable');
    b.end();
    b.trace.jobs[loader].internal = true;
    const script = b.start();
    b.promise('new');
    b.end();
    const micro = (layout: ReturnType<typeof layoutTrace>) => layout.lanes.find((l) => l.task === 'microtask')!;
    const script0 = (layout: ReturnType<typeof layoutTrace>) => layout.lanes.find((l) => l.task === 'script')!;
    const hidden = layoutTrace(b.trace);
    assert.deepEqual(Array.from(micro(hidden).jobs), []);
    assert.deepEqual(Array.from(script0(hidden).jobs), [script]);
    const shown = layoutTrace(b.trace, { internals: true });
    assert.deepEqual(Array.from(micro(shown).jobs), [loader]);
  });

  it("gives Node's own events no steps unless internals are shown, and maps seqs both ways", () => {
    const b = new TraceBuilder();
    const loader = b.start(undefined, 'microtask', 'resolve with thenable');
    for (let i = 0; i < 5; i++) b.get(b.promise('unknown')).internal = true;
    b.end();
    b.trace.jobs[loader].internal = true;
    const script = b.start();
    const made = b.promise('new');
    b.end();
    const hidden = layoutTrace(b.trace);
    assert.equal(hidden.source, b.trace);
    assert.deepEqual(
      hidden.trace.events.map((e) => e.type),
      ['job-start', 'promise', 'job-end'],
    );
    assert.equal(hidden.steps, 3);
    const created = b.trace.events.find((e) => e.type === 'promise' && e.promise === made)!.seq;
    assert.equal(hidden.stepOfSeq(created), 1);
    assert.equal(seqOfStep(hidden, 1), created);
    // An event it does not show maps to the shown step before it (here: none, so the first).
    assert.equal(hidden.stepOfSeq(2), 0);
    assert.equal(
      jobAt(hidden, 2),
      b.trace.jobs.findIndex((j) => j.id === script),
    );
    const shown = layoutTrace(b.trace, { internals: true });
    assert.equal(shown.steps, b.trace.events.length);
    assert.equal(shown.stepOfSeq(created), created);
  });

  it('finds only the jobs that overlap a step range', () => {
    const { trace } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    const micro = layout.lanes[2];
    const [a, b] = visibleJobs(layout, micro, 0, 3);
    assert.equal(b - a, 0);
    const first = layout.jobStart[micro.jobs[0]];
    const [c, d] = visibleJobs(layout, micro, first + 1, first + 1);
    assert.deepEqual([c, d], [0, 1]);
    assert.deepEqual(visibleJobs(layout, micro, 0, trace.events.length), [0, 2]);
  });
});

describe('timeline queues', () => {
  it('shows nextTick, microtask, timer and immediate all waiting when the script ends', () => {
    const { trace, steps } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    assert.deepEqual(waitingLabels(layout, steps.scriptEnd), {
      script: [],
      nextTick: ['process.nextTick'],
      microtask: ['then handler'],
      timer: ['setTimeout 0 ms'],
      immediate: ['setImmediate'],
      io: [],
    });
  });

  it('shows a microtask queued by a microtask ahead of the waiting timer', () => {
    const { trace, steps } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    const at = waitingLabels(layout, steps.queuedByMicrotask);
    assert.deepEqual(at.microtask, ['queueMicrotask']);
    assert.deepEqual(at.timer, ['setTimeout 0 ms']);
    assert.deepEqual(at.nextTick, []);
    const atTimer = waitingLabels(layout, steps.timerStart);
    assert.deepEqual(atTimer.timer, [], 'a running job no longer waits');
    assert.deepEqual(atTimer.microtask, []);
    assert.deepEqual(atTimer.immediate, ['setImmediate']);
  });

  it('names the job running at each step, and none between jobs', () => {
    const { trace, jobs, steps } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    assert.equal(trace.jobs[jobAt(layout, 0)].id, jobs.script);
    assert.equal(trace.jobs[jobAt(layout, steps.scriptEnd)].id, jobs.script);
    assert.equal(trace.jobs[jobAt(layout, steps.queuedByMicrotask)].id, jobs.reaction);
    assert.equal(trace.jobs[jobAt(layout, steps.timerStart)].id, jobs.timer);
    const b = new TraceBuilder();
    b.start();
    b.end();
    b.log('between');
    assert.equal(jobAt(layoutTrace(b.trace), 2), -1);
  });

  it('gives a promise its state as of each step', () => {
    const { trace } = microtasksBeforeTimers();
    const layout = layoutTrace(trace);
    const thenIndex = trace.promises.findIndex((p) => p.kind === 'then');
    const created = layout.promiseStart[thenIndex];
    const settled = layout.promiseEnd[thenIndex];
    assert.equal(promiseStateAt(layout, thenIndex, created - 1), undefined);
    assert.equal(promiseStateAt(layout, thenIndex, created), 'pending');
    assert.equal(promiseStateAt(layout, thenIndex, settled - 1), 'pending');
    assert.equal(promiseStateAt(layout, thenIndex, settled), 'fulfilled');
    assert.deepEqual(liveRowsAt(layout, created - 1), [0]);
    assert.deepEqual(liveRowsAt(layout, created), [0, 1]);
  });

  it('marks the rejection that made Promise.all fail fast, and inputs settling later as ignored', () => {
    const { trace, all, inputs } = allFailsFast();
    const layout = layoutTrace(trace);
    const roles = fanIn(layout, trace.promises[layout.promiseIndex.get(all)!]);
    const byId = Object.fromEntries(roles.map((r) => [trace.promises[r.input].id, r.role]));
    assert.deepEqual(byId, { [inputs[0]]: 'ignored', [inputs[1]]: 'decided', [inputs[2]]: 'ignored' });
  });

  it('marks the first settled input of a race, and nothing for allSettled', () => {
    const { trace, all } = allFailsFast();
    const comb = trace.promises.find((p) => p.id === all)!;
    comb.kind = 'race';
    const layout = layoutTrace(trace);
    assert.equal(fanIn(layout, comb).filter((r) => r.role === 'decided').length, 1);
    comb.kind = 'allSettled';
    assert.ok(fanIn(layout, comb).every((r) => r.role !== 'decided'));
  });
});

describe('timeline overview and wording', () => {
  it('bins every job into the overview, so its total matches the job-steps of the trace', () => {
    const trace = manyEvents(2000);
    const layout = layoutTrace(trace);
    const overview = buildOverview(layout, 100, 'step');
    let total = 0;
    for (const d of overview.density) for (const v of d) total += v;
    let expected = 0;
    for (let j = 0; j < trace.jobs.length; j++)
      if (trace.jobs[j].startedAt >= 0) expected += layout.jobEnd[j] - layout.jobStart[j] + 1;
    assert.ok(Math.abs(total - expected) < 1e-3 * expected, `${total} vs ${expected}`);
    assert.equal(axisLength(layout, 'step'), trace.events.length);
  });

  it('lays out a 100k-event trace and answers queue questions anywhere in it', () => {
    const trace = manyEvents(100_000);
    const layout = layoutTrace(trace);
    assert.equal(layout.steps, trace.events.length);
    const mid = Math.floor(layout.steps / 2);
    assert.notEqual(jobAt(layout, mid), -1);
    const depth = queuesAt(layout, mid).reduce((n, q) => n + q.waiting.length, 0);
    assert.ok(depth >= 0);
  });

  it('words jobs, events and times for people', () => {
    const { trace } = microtasksBeforeTimers();
    assert.equal(describeJob(trace.jobs[1]), 'setTimeout 0 ms (example.js:6)');
    assert.equal(jobTitle(trace.jobs[1]), `#${trace.jobs[1].id} setTimeout 0 ms (example.js:6) · timers`);
    const settled = trace.promises.find((p) => p.state === 'fulfilled')!;
    assert.match(promiseTitle(settled), new RegExp(`^#${settled.id} \\w+ example\\.js:\\d+ · ended fulfilled`));
    assert.match(promiseTitle({ ...settled, state: 'pending', value: null }), / · still pending when the run ended$/);
    assert.equal(describeEvent(trace, 1), 'console.log: 1: script start');
    assert.match(describeEvent(trace, 4), /promise #100 resolve example\.js:9 created/);
    assert.equal(formatMicros(1500), '1.5 ms');
    assert.equal(formatMicros(2_500_000), '2.50 s');
  });
});

describe('timeline source sync', () => {
  const at = (layout: ReturnType<typeof layoutTrace>, step: number) => {
    const s = sourceAtStep(layout, step);
    return s && `${s.location.line} ${s.why}`;
  };

  it("points each step at the line running then: the event's own line, else the last the job reached, else its callback, else where the reaction was registered", () => {
    const b = new TraceBuilder();
    b.start();
    const p = b.promise('resolve', null, [], 3);
    b.settle(p, 'fulfilled');
    const child = b.promise('then', p, [], 4);
    const reaction = b.enqueue('microtask', 'then handler', child, 4);
    b.trace.jobs[reaction].location = null;
    const timer = b.enqueue('timer', 'setTimeout', null, 9);
    b.end();
    b.start(reaction);
    b.settle(child, 'fulfilled');
    b.end();
    b.start(timer);
    b.log('tick', 'stdout', 10);
    b.log('tock');
    b.end();
    const layout = layoutTrace(b.trace);
    assert.equal(at(layout, 0), '1 callback', 'the script job has its own location in this fixture');
    assert.equal(at(layout, 1), '3 creates');
    assert.equal(
      at(layout, 2),
      '3 running',
      'the settle after a creation stays on the line that ran last, not the job start',
    );
    assert.equal(at(layout, 3), '4 creates');
    assert.equal(at(layout, layout.jobStart[reaction]), '4 registered');
    assert.equal(at(layout, layout.jobStart[timer]), '9 callback');
    assert.equal(
      at(layout, layout.jobStart[timer] + 1),
      '10 prints',
      'a console line highlights the console.log that printed it',
    );
    assert.equal(
      at(layout, layout.jobStart[timer] + 2),
      '10 running',
      'a line printed from no known call keeps the last line',
    );
    assert.equal(
      at(layout, layout.jobEnd[reaction] + 1),
      '9 callback',
      "the next job starts at its own callback, not the last job's line",
    );
  });

  it('highlights nothing for a reaction that only passed its value on (a skipped .catch)', () => {
    const b = new TraceBuilder();
    b.start();
    const p = b.promise('resolve', null, [], 3);
    b.settle(p, 'fulfilled');
    const skipped = b.promise('catch', p, [], 4);
    const job = b.enqueue('microtask', '.catch skipped', skipped, 4);
    b.trace.jobs[job].location = null;
    b.trace.jobs[job].passThrough = true;
    b.end();
    b.start(job);
    b.settle(skipped, 'fulfilled');
    b.end();
    const layout = layoutTrace(b.trace);
    assert.equal(sourceAtStep(layout, layout.jobStart[job]), undefined);
    assert.equal(sourceAtStep(layout, layout.jobStart[job] + 1), undefined);
  });

  it('falls back to the last line the job touched, and to nothing between jobs', () => {
    const b = new TraceBuilder();
    b.start();
    b.trace.jobs[0].location = null;
    b.promise('new', null, [], 7);
    b.log('x');
    b.end();
    b.log('after');
    const layout = layoutTrace(b.trace);
    assert.equal(sourceAtStep(layout, 2)?.location.line, 7);
    assert.equal(sourceAtStep(layout, 2)?.why, 'running');
    assert.equal(sourceAtStep(layout, 4), undefined);
  });

  it('names its line by ids the host looks up in its own trace', () => {
    const b = new TraceBuilder();
    b.start();
    b.log('x', 'stdout', 12);
    b.end();
    const layout = layoutTrace(b.trace);
    const source = sourceAtStep(layout, 1);
    assert.deepEqual(source?.target, { kind: 'console', seq: 1 });
    assert.equal(source && locationOfTarget(b.trace, source.target)?.line, 12);
    assert.equal(locationOfTarget(b.trace, { kind: 'job', id: 99 }), null);
  });
});

describe('one step model for the hover and the timeline', () => {
  it("names a promise's settlement by the step the panel shows, with or without Node's internals", () => {
    const b = new TraceBuilder();
    b.start();
    const hidden = b.promise('new', null, [], 2);
    b.trace.promises[0].internal = true;
    b.settle(hidden, 'fulfilled');
    const p = b.promise('resolve', null, [], 3);
    b.promise('new', null, [], 2);
    b.trace.promises[2].internal = true;
    b.settle(p, 'fulfilled');
    b.end();
    const promise = b.get(p);
    const target = {
      start: 0,
      end: 1,
      label: 'Promise.resolve',
      promises: [promise],
      side: [],
      scope: 'site' as const,
    };
    const links = { location: () => undefined, promise: (id: number) => `command:show?${id}` };
    for (const internals of [false, true]) {
      const layout = layoutTrace(b.trace, { internals });
      const panelStep = stepNumber(layout.promiseEnd[layout.promiseIndex.get(p)!]);
      const markdown = describeTarget(target, { trace: b.trace, file: b.trace.file, links, internals });
      const said = /Settled at step (\d+)/.exec(markdown)?.[1];
      assert.equal(Number(said), panelStep, `internals ${internals}: ${markdown}`);
    }
    assert.equal(
      stepNumber(layoutTrace(b.trace).promiseEnd[1]),
      3,
      'hidden events take no step: script start, creation, settlement',
    );
  });
});
