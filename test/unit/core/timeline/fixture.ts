/**
 * Builds small, consistent traces from the model types for the timeline's unit tests: each call appends
 * the event a runtime would record, with the next seq, and keeps promises and jobs in step with it.
 */
import type { TimelineLayout } from '../../../../src/core/timeline/layout';
import { awaitSpan } from '../../../../src/core/timeline/awaits';
import { fanIn } from '../../../../src/core/timeline/queues';
import type {
  PromiseKind,
  TaskKind,
  Trace,
  TraceJob,
  TracePromise,
  ValuePreview,
} from '../../../../src/core/trace/model';

export class TraceBuilder {
  readonly trace: Trace = {
    version: 1,
    file: '/work/example.js',
    node: 'v20.0.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    promises: [],
    jobs: [],
    events: [],
    exit: { code: 0, signal: null, reason: 'completed' },
    truncated: false,
  };
  private seq = 0;
  private running: TraceJob | null = null;
  private clock = 0;
  private readonly byId = new Map<number, TracePromise>();

  private next(): number {
    return this.seq++;
  }

  private tick(): number {
    this.clock += 10;
    return this.clock;
  }

  /** Puts a job in its queue; returns its id. */
  enqueue(task: TaskKind, label: string, promise: number | null = null, line = 1): number {
    const id = this.trace.jobs.length;
    const seq = this.next();
    this.trace.jobs.push({
      id,
      task,
      enqueuedAt: seq,
      startedAt: -1,
      endedAt: null,
      promise,
      location: { file: this.trace.file, line, column: 1 },
      label,
    });
    this.trace.events.push({ seq, type: 'enqueue', job: id, task });
    return id;
  }

  /** Starts a job (queued earlier, or the script when `id` is omitted). */
  start(id?: number, task: TaskKind = 'script', label = 'main script'): number {
    let job: TraceJob;
    if (id === undefined) {
      job = {
        id: this.trace.jobs.length,
        task,
        enqueuedAt: null,
        startedAt: -1,
        endedAt: null,
        promise: null,
        location: { file: this.trace.file, line: 1, column: 1 },
        label,
      };
      this.trace.jobs.push(job);
    } else {
      job = this.trace.jobs[id];
    }
    job.startedAt = this.next();
    this.trace.events.push({ seq: job.startedAt, type: 'job-start', job: job.id, task: job.task, time: this.tick() });
    this.running = job;
    return job.id;
  }

  end(): void {
    if (!this.running) throw new Error('no job running');
    const seq = this.next();
    this.running.endedAt = seq;
    this.trace.events.push({ seq, type: 'job-end', job: this.running.id, time: this.tick() });
    this.running = null;
  }

  promise(kind: PromiseKind, parent: number | null = null, inputs: number[] = [], line = 1): number {
    const id = this.trace.promises.length + 100;
    const seq = this.next();
    const p: TracePromise = {
      id,
      kind,
      parent,
      inputs,
      location: { file: this.trace.file, line, column: 1 },
      state: 'pending',
      value: null,
      createdAt: seq,
      settledAt: null,
      settledIn: null,
      reactions: [],
      internal: false,
    };
    this.trace.promises.push(p);
    this.byId.set(id, p);
    this.trace.events.push({ seq, type: 'promise', promise: id });
    if (parent !== null)
      this.get(parent).reactions.push({
        on: kind === 'catch' ? 'reject' : kind === 'finally' ? 'both' : 'fulfil',
        handler: { file: this.trace.file, line, column: 5 },
        child: id,
      });
    return id;
  }

  settle(
    id: number,
    state: 'fulfilled' | 'rejected',
    value: ValuePreview = { type: 'undefined', text: 'undefined' },
  ): void {
    const p = this.get(id);
    const seq = this.next();
    p.state = state;
    p.value = value;
    p.settledAt = seq;
    p.settledIn = this.running?.id ?? null;
    this.trace.events.push({ seq, type: 'settle', promise: id, state });
  }

  /** A console line; `line` is where the program's `console.log` stands, when the runtime found it. */
  log(text: string, stream: 'stdout' | 'stderr' = 'stdout', line?: number): void {
    const seq = this.next();
    const location = line === undefined ? undefined : { file: this.trace.file, line, column: 3 };
    this.trace.events.push({
      seq,
      type: 'console',
      stream,
      text,
      task: this.running?.task ?? 'other',
      job: this.running?.id ?? null,
      time: this.tick(),
      ...(location && { location }),
    });
  }

  unhandled(id: number): void {
    this.get(id).unhandled = true;
    this.trace.events.push({ seq: this.next(), type: 'unhandled', promise: id });
  }

  get(id: number): TracePromise {
    const p = this.byId.get(id);
    if (!p) throw new Error(`no promise ${id}`);
    return p;
  }
}

/** examples/microtasks-before-timers.js as the runtime records it, by hand. */
export function microtasksBeforeTimers(): {
  trace: Trace;
  jobs: Record<string, number>;
  steps: Record<string, number>;
} {
  const b = new TraceBuilder();
  const steps: Record<string, number> = {};
  const script = b.start();
  b.log('1: script start');
  const timer = b.enqueue('timer', 'setTimeout 0 ms', null, 6);
  const immediate = b.enqueue('immediate', 'setImmediate', null, 7);
  const resolved = b.promise('resolve', null, [], 9);
  b.settle(resolved, 'fulfilled');
  const then = b.promise('then', resolved, [], 9);
  const reaction = b.enqueue('microtask', 'then handler', then, 10);
  const tick = b.enqueue('nextTick', 'process.nextTick', null, 14);
  b.log('2: script end');
  b.end();
  steps.scriptEnd = b.trace.events.length - 1;
  b.start(tick);
  b.log('3: nextTick');
  b.end();
  b.start(reaction);
  b.log('4: microtask');
  const queued = b.enqueue('microtask', 'queueMicrotask', null, 12);
  steps.queuedByMicrotask = b.trace.events.length - 1;
  b.settle(then, 'fulfilled');
  b.end();
  b.start(queued);
  b.log('5: microtask queued by a microtask');
  b.end();
  b.start(timer);
  steps.timerStart = b.trace.events.length - 1;
  b.log('6: timeout');
  b.end();
  b.start(immediate);
  b.log('7: immediate');
  b.end();
  return { trace: b.trace, jobs: { script, timer, immediate, reaction, tick, queued }, steps };
}

/** Promise.all with one input that rejects first: `all` fails fast, a later input is ignored. */
export function allFailsFast(): { trace: Trace; all: number; inputs: number[] } {
  const b = new TraceBuilder();
  b.start();
  const a = b.promise('new');
  const f = b.promise('new');
  const c = b.promise('new');
  const all = b.promise('all', null, [a, f, c]);
  const t1 = b.enqueue('timer', 'setTimeout 10 ms');
  const t2 = b.enqueue('timer', 'setTimeout 20 ms');
  const t3 = b.enqueue('timer', 'setTimeout 30 ms');
  b.end();
  b.start(t1);
  b.settle(f, 'rejected', { type: 'error', text: 'Error: orders service down' });
  b.end();
  const r = b.enqueue('microtask', 'Promise.all reject');
  b.start(r);
  b.settle(all, 'rejected', { type: 'error', text: 'Error: orders service down' });
  b.end();
  b.start(t2);
  b.settle(c, 'fulfilled', { type: 'string', text: "'cart'" });
  b.end();
  b.start(t3);
  b.settle(a, 'fulfilled', { type: 'string', text: "'profile'" });
  b.end();
  return { trace: b.trace, all, inputs: [a, f, c] };
}

/** A large synthetic trace: `n` rounds of a timer whose handler chains a few `then`s. */
export function manyEvents(target: number): Trace {
  const b = new TraceBuilder();
  b.start();
  let last = b.promise('resolve');
  b.settle(last, 'fulfilled');
  const timers: number[] = [];
  for (let i = 0; i < 50; i++) timers.push(b.enqueue('timer', `setTimeout ${i}`));
  b.end();
  let t = 0;
  while (b.trace.events.length < target) {
    const id = t < timers.length ? timers[t++] : b.enqueue('timer', 'setTimeout');
    b.start(id);
    const p = b.promise('then', last);
    const m = b.enqueue('microtask', 'then handler', p);
    b.log(`round ${t}`);
    b.end();
    b.start(m);
    b.settle(p, 'fulfilled', { type: 'number', text: String(t) });
    b.end();
    last = p;
  }
  return b.trace;
}

/** Everything a layout holds but its trace objects, as plain values to compare. */
export function plainLayout(layout: TimelineLayout) {
  const { trace, source, stepOfSeq, promiseIndex, jobIndex, ...rest } = layout;
  void source;
  const seqs = trace.events.map((e) => e.seq);
  const ids = (list: { id: number }[]) => [-1, 0.5, null, ...list.map((x) => x.id), ...list.map((x) => x.id + 1)];
  return {
    ...rest,
    promiseIndex: ids(trace.promises).map((id) => promiseIndex.get(id)),
    jobIndex: ids(trace.jobs).map((id) => jobIndex.get(id)),
    events: [...trace.events],
    stepOfSeq: [-1, ...seqs, ...seqs.map((s) => s + 1), 1e9].map(stepOfSeq),
    spans: [...layout.awaitsOf.values()].flat().map((i) => awaitSpan(layout, i)),
    fanIn: trace.promises.map((p, i) => (p.inputs.length ? fanIn(layout, trace.promises[i]) : [])),
  };
}
