/**
 * `core/explain` on traces built by hand: what the corpus (test/process/core/explain/golden.test.ts) cannot reach on
 * this branch or this machine (a job the runtime flags `passThrough`, a queue the trace does not
 * name), the `awaitOf` mark, the text format's line, and that a trace of a million events is
 * explained in linear time.
 */
import * as assert from 'node:assert/strict';
import { explainTrace, RULES } from '../../../../src/core/explain';
import { traceToText } from '../../../../src/core/trace/format';
import type {
  PromiseKind,
  TaskKind,
  Trace,
  TraceEvent,
  TraceJob,
  TracePromise,
} from '../../../../src/core/trace/model';

/** Builds a trace event by event, the way the recording reader does. */
class Builder {
  readonly promises: TracePromise[] = [];
  readonly jobs: TraceJob[] = [];
  readonly events: TraceEvent[] = [];
  private open: TraceJob[] = [];
  private readonly byId = new Map<number, TracePromise>();
  private readonly enqueued = new Map<number, number>();
  private time = 0;

  promise(
    id: number,
    kind: PromiseKind,
    parent: number | null = null,
    extra: Partial<TracePromise> = {},
  ): TracePromise {
    const p: TracePromise = {
      id,
      kind,
      parent,
      inputs: [],
      location: null,
      state: 'pending',
      value: null,
      createdAt: this.events.length,
      settledAt: null,
      settledIn: null,
      reactions: [],
      internal: false,
      ...extra,
    };
    this.promises.push(p);
    this.byId.set(id, p);
    const parentPromise = parent === null ? undefined : this.byId.get(parent);
    parentPromise?.reactions.push({
      on: kind === 'catch' ? 'reject' : kind === 'finally' || kind === 'await' ? 'both' : 'fulfil',
      handler: null,
      child: id,
    });
    this.events.push({ seq: this.events.length, type: 'promise', promise: id });
    return p;
  }

  settle(p: TracePromise, state: 'fulfilled' | 'rejected' = 'fulfilled'): void {
    p.state = state;
    p.settledAt = this.events.length;
    p.settledIn = this.open.at(-1)?.id ?? null;
    p.value = { type: 'undefined', text: 'undefined' };
    this.events.push({ seq: this.events.length, type: 'settle', promise: p.id, state });
  }

  enqueue(job: number, task: TaskKind): void {
    this.enqueued.set(job, this.events.length);
    this.events.push({ seq: this.events.length, type: 'enqueue', job, task });
  }

  start(id: number, task: TaskKind, label: string, extra: Partial<TraceJob> = {}): TraceJob {
    const job: TraceJob = {
      id,
      task,
      enqueuedAt: this.enqueued.get(id) ?? null,
      startedAt: this.events.length,
      endedAt: null,
      promise: null,
      location: null,
      label,
      ...extra,
    };
    this.jobs.push(job);
    this.open.push(job);
    this.events.push({ seq: this.events.length, type: 'job-start', job: id, task, time: (this.time += 100) });
    return job;
  }

  end(): void {
    const job = this.open.pop()!;
    job.endedAt = this.events.length;
    this.events.push({ seq: this.events.length, type: 'job-end', job: job.id, time: (this.time += 100) });
  }

  trace(): Trace {
    return {
      version: 1,
      file: '/app/main.js',
      node: 'v20.0.0',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
      truncated: false,
      exit: { code: 0, signal: null, reason: 'completed' },
      promises: this.promises,
      jobs: this.jobs,
      events: this.events,
    };
  }
}

describe('why each job ran then (core/explain), on traces built by hand', () => {
  it("takes the runtime's passThrough flag as the pass-through rule, whatever the reaction lists say", () => {
    const b = new Builder();
    b.start(1, 'script', 'main script');
    const p1 = b.promise(1, 'resolve');
    b.settle(p1);
    const p2 = b.promise(2, 'then', 1);
    b.end();
    const job = b.start(2, 'microtask', 'then handler', { promise: 2, enqueuedAt: p2.createdAt });
    b.settle(p2);
    b.end();
    const flagged = b.trace();
    explainTrace(flagged);
    assert.equal(
      flagged.jobs[1].why?.rule,
      'reaction',
      'without the flag, a then on a fulfilled promise runs its handler',
    );
    delete job.why;
    job.passThrough = true;
    explainTrace(flagged);
    const why = flagged.jobs[1].why!;
    assert.equal(why.rule, 'pass-through');
    assert.match(why.text, /Promise #1 fulfilled at step 3, and the `.then` has no fulfilment handler/);
    assert.match(why.text, /no code runs, V8 only passes the value on to promise #2/);
  });

  it('falls back to a plain rule for a queue or a promise job it knows nothing more of', () => {
    const b = new Builder();
    b.start(1, 'script', 'main script');
    b.promise(1, 'unknown');
    b.end();
    b.start(2, 'other', 'MessagePort');
    b.end();
    b.start(3, 'microtask', 'promise job', { promise: 1 });
    b.end();
    const trace = b.trace();
    explainTrace(trace);
    assert.deepEqual(
      trace.jobs.map((j) => j.why?.rule),
      ['script', 'other', 'promise-job'],
    );
    assert.match(trace.jobs[1].why!.text, /\(MessagePort\)/);
    assert.match(trace.jobs[2].why!.text, /promise #1/);
  });

  it('marks the promise V8 wraps an awaited value in with the await it belongs to, and says the await still waits', () => {
    const b = new Builder();
    b.start(1, 'script', 'main script');
    b.promise(1, 'async');
    const wrapper = b.promise(2, 'await', null, { value: { type: 'number', text: '7' } });
    b.settle(wrapper);
    wrapper.value = { type: 'number', text: '7' };
    const resume = b.promise(3, 'await', 2, { location: { file: '/app/main.js', line: 4, column: 3 } });
    b.end();
    b.start(2, 'microtask', 'await continuation', { promise: 3, enqueuedAt: resume.createdAt });
    b.end();
    const trace = b.trace();
    explainTrace(trace);
    assert.equal(wrapper.awaitOf, 3);
    assert.equal(trace.promises[2].awaitOf, undefined);
    assert.equal(trace.jobs[1].why?.rule, 'await-value');
    assert.match(trace.jobs[1].why!.text, /not a promise \(7\) still waits one microtask/);
    assert.match(trace.jobs[1].why!.text, /resumes at line 4/);
  });

  it("prints each job's why under its start in the text format", () => {
    const b = new Builder();
    b.start(1, 'script', 'main script');
    b.enqueue(2, 'nextTick');
    b.end();
    b.start(2, 'nextTick', 'process.nextTick');
    b.end();
    const trace = b.trace();
    explainTrace(trace);
    const lines = traceToText(trace).split('\n');
    const tick = lines.findIndex((l) => l.includes('▶ nextTick #2'));
    assert.match(
      lines[tick + 1],
      /^ +\? why: The script finished and the call stack is empty: `process.nextTick` callbacks run first, before any promise job \(queued at step 2 by the script\)\.$/,
    );
  });

  it('lists every rule it can give in RULES, and gives no other', () => {
    const b = new Builder();
    b.start(1, 'script', 'main script');
    b.end();
    const trace = b.trace();
    explainTrace(trace);
    for (const job of trace.jobs) assert.ok(job.why!.rule in RULES);
  });

  it('explains a million events in linear time: Promise.all over 170,000 inputs', function () {
    this.timeout(90_000);
    const n = 170_000;
    const b = new Builder();
    b.start(1, 'script', 'main script');
    const inputs: TracePromise[] = [];
    for (let i = 0; i < n; i++) inputs.push(b.promise(10 + i, 'new'));
    const all = b.promise(5, 'all');
    all.inputs = inputs.map((p) => p.id);
    const thens: TracePromise[] = [];
    for (const input of inputs) thens.push(b.promise(input.id + n, 'then', input.id, { internal: true }));
    for (const input of inputs) b.settle(input);
    b.end();
    thens.forEach((then, i) => {
      b.start(2 + i, 'microtask', "Node's then handler", {
        promise: then.id,
        internal: i < n - 1,
        enqueuedAt: inputs[i].settledAt,
      });
      if (i === n - 1) b.settle(all);
      b.settle(then);
      b.end();
    });
    const trace = b.trace();
    assert.ok(trace.events.length > 1_000_000, `${trace.events.length} events`);
    const started = performance.now();
    explainTrace(trace);
    const ms = performance.now() - started;
    if (process.env.EXPLAIN_TIMES) console.log(`explainTrace: ${ms.toFixed(0)} ms`);
    const last = trace.jobs[trace.jobs.length - 1];
    assert.equal(last.why?.rule, 'combinator-settled');
    assert.equal(last.label, 'Promise.all input');
    assert.match(last.why!.text, new RegExp(`the last of its ${n} inputs`));
    assert.match(trace.jobs[1].why!.text, new RegExp(`#5 still waits for ${n - 1} more \\(${n - 1} others\\)`));
    // Quadratic work over 170,000 inputs would take minutes; linear work takes about a second
    // (several on this shared machine under load).
    assert.ok(ms < 30_000, `took ${ms.toFixed(0)} ms`);
  });
});
