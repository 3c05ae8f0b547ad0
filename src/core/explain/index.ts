/**
 * Why each job ran when it did. `explainTrace` reads a finished trace (after `readRecording` and the
 * handler pass) and gives every job a `why: { rule, text }`: a stable rule id (`RULES`, documented in
 * docs/trace-format.md) and a sentence derived from the trace itself (what queued the job, which
 * promise settled, what else waited), never written for one program. It also names in plain words
 * the jobs V8 runs for itself (adopting a returned promise, a combinator's input) and marks the
 * promise V8 wraps an awaited value in (`awaitOf`).
 *
 * Everything is made in a few passes over the trace, with indexes built once: traces hold up to a
 * million events. Step numbers in the texts count as the timeline does by default (Node's internals
 * hidden; `core/trace/steps.ts`).
 */
import {
  COMBINATOR_KINDS,
  THENABLE_JOB_LABEL,
  type PromiseKind,
  type TaskKind,
  type Trace,
  type TraceJob,
  type TracePromise,
} from '../trace/model';
import { stepsOf } from '../trace/steps';

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
  'combinator-settled': 'an input settled and decided the combinator (fail fast, all done, first to settle)',
  'combinator-late': 'an input settled after its combinator had already settled: its result is ignored',
  'promise-job': 'another promise job V8 queued (no more is known of it)',
  timer: 'timers phase: a timer that was due',
  'timer-or-immediate':
    'a 0 ms timer and a `setImmediate` both set before the event loop started: Node does not promise their order',
  immediate: 'check phase: a `setImmediate` callback, after the event loop polled for I/O',
  'immediate-after-io': 'a `setImmediate` set in an I/O callback: the check phase comes right after, before any timer',
  io: 'poll phase: an I/O operation finished and Node ran its callback',
  other: 'a callback Node ran from a queue the trace does not name',
} as const;

export type WhyRule = keyof typeof RULES;

const COMBINATOR_NAMES: Partial<Record<PromiseKind, string>> = {
  all: 'Promise.all',
  allSettled: 'Promise.allSettled',
  race: 'Promise.race',
  any: 'Promise.any',
};

const HANDLER_NAMES: Partial<Record<PromiseKind, string>> = {
  then: '`.then`',
  catch: '`.catch`',
  finally: '`.finally`',
};

/** The label of the job in which an adopting promise takes the adopted one's value. */
export const ADOPT_RESULT_LABEL = 'adopt returned promise';

/** The longest delay Node's timers take; a delay outside 1..this runs as 1 ms. */
const TIMEOUT_MAX = 2 ** 31 - 1;

/** Facts about a moment of the run, gathered in one pass over the events. */
interface Moments {
  /** The innermost job running at each `seq` (0 when none). */
  jobAt: Int32Array;
  /** The time (µs) of the last event at or before each `seq` that has one (NaN before any). */
  timeAt: Float64Array;
  /** What waited in the program's queues when each job started: ticks, timers, immediates, by job id. */
  waiting: (id: number) => { ticks: number; timers: number; immediates: number };
}

function gatherMoments(trace: Trace, internalJobs: Set<number>): Moments {
  let size = 0;
  for (const event of trace.events) if (event.seq + 1 > size) size = event.seq + 1;
  const jobAt = new Int32Array(size);
  const timeAt = new Float64Array(size).fill(NaN);
  let maxJob = 0;
  for (const job of trace.jobs) if (job.id > maxJob) maxJob = job.id;
  // Job ids are small dense integers: three counts per id in one typed array.
  const waitingAt = new Int32Array((maxJob + 1) * 3);
  const queued = new Map<number, TaskKind>();
  const counts = { ticks: 0, timers: 0, immediates: 0 };
  const key = (task: TaskKind): 'ticks' | 'timers' | 'immediates' | null =>
    task === 'nextTick' ? 'ticks' : task === 'timer' ? 'timers' : task === 'immediate' ? 'immediates' : null;
  const open: number[] = [];
  let lastTime = NaN;
  let lastSeq = 0;
  for (const event of trace.events) {
    // seq numbers without an event of their own (none today) take the moment before them.
    for (let s = lastSeq + 1; s < event.seq; s++) {
      jobAt[s] = jobAt[s - 1];
      timeAt[s] = timeAt[s - 1];
    }
    lastSeq = event.seq;
    if (event.time !== undefined) lastTime = event.time;
    timeAt[event.seq] = lastTime;
    switch (event.type) {
      case 'job-start': {
        const task = queued.get(event.job);
        if (task !== undefined) {
          queued.delete(event.job);
          const k = key(task);
          if (k) counts[k]--;
        }
        if (event.job >= 0 && event.job <= maxJob) {
          waitingAt[event.job * 3] = counts.ticks;
          waitingAt[event.job * 3 + 1] = counts.timers;
          waitingAt[event.job * 3 + 2] = counts.immediates;
        }
        open.push(event.job);
        break;
      }
      case 'job-end': {
        const at = open.lastIndexOf(event.job);
        if (at >= 0) open.splice(at, 1);
        break;
      }
      case 'enqueue': {
        const k = key(event.task);
        if (k && !event.internal && !internalJobs.has(event.job)) {
          queued.set(event.job, event.task);
          counts[k]++;
        }
        break;
      }
    }
    jobAt[event.seq] = open.length > 0 ? open[open.length - 1] : 0;
  }
  const waiting = (id: number) =>
    id >= 0 && id <= maxJob
      ? { ticks: waitingAt[id * 3], timers: waitingAt[id * 3 + 1], immediates: waitingAt[id * 3 + 2] }
      : { ticks: 0, timers: 0, immediates: 0 };
  return { jobAt, timeAt, waiting };
}

/** One explanation pass over a finished trace (see the file comment). Changes the trace in place. */
export function explainTrace(trace: Trace): void {
  new Explainer(trace).run();
}

class Explainer {
  private readonly promises = new Map<number, TracePromise>();
  private readonly jobs = new Map<number, TraceJob>();
  /** The promise job that ran each promise's reaction, by promise id. */
  private readonly jobOfPromise = new Map<number, TraceJob>();
  private readonly moments: Moments;
  private readonly stepOf: (seq: number) => number;
  /** The jobs in the order they started. */
  private readonly order: TraceJob[];
  /** V8's `then` on a thenable, made in the job that adopts it: its promise id to that job. */
  private readonly adoptions = new Map<number, TraceJob>();
  /** The same, from the adopting job's id to V8's `then` promise made in it. */
  private readonly adoptionIn = new Map<number, TracePromise>();
  /** The `then` V8 attaches to a combinator's input: its promise id to the combinator. */
  private readonly inputThens = new Map<number, TracePromise>();
  /** Those `then` promises of each combinator, by combinator id. */
  private readonly thensOf = new Map<number, TracePromise[]>();
  /** The place of each of those `then` promises in its combinator's list (`rankInputJobs`). */
  private readonly inputRank = new Map<number, number>();
  /** Whether a `setImmediate`, and a 0 ms timer, were set before the event loop started. */
  private immediateBeforeLoop = false;
  private zeroTimerBeforeLoop = false;
  /** The first event loop job (timer, immediate, I/O): before it, the main module and its ticks ran. */
  private readonly loopStart: number;
  private readonly userTimers: number;

  constructor(private readonly trace: Trace) {
    for (const p of trace.promises) this.promises.set(p.id, p);
    const internalJobs = new Set<number>();
    for (const job of trace.jobs) {
      this.jobs.set(job.id, job);
      if (job.internal) internalJobs.add(job.id);
      if (
        job.task === 'microtask' &&
        job.promise !== null &&
        !job.label.endsWith(THENABLE_JOB_LABEL) &&
        !this.jobOfPromise.has(job.promise)
      ) {
        this.jobOfPromise.set(job.promise, job);
      }
    }
    this.order = trace.jobs.every((job, i) => i === 0 || trace.jobs[i - 1].startedAt <= job.startedAt)
      ? trace.jobs
      : [...trace.jobs].sort((a, b) => a.startedAt - b.startedAt);
    this.moments = gatherMoments(trace, internalJobs);
    this.stepOf = stepsOf(trace).numberOf;
    let loopStart = Infinity;
    let userTimers = 0;
    for (const job of this.order) {
      if ((job.task === 'timer' || job.task === 'immediate' || job.task === 'io') && loopStart === Infinity)
        loopStart = job.startedAt;
      if (job.task === 'timer' && !job.internal) userTimers++;
    }
    this.loopStart = loopStart;
    this.userTimers = userTimers;
    for (const job of this.order) {
      if (job.task === 'immediate' && this.setBeforeLoop(job)) this.immediateBeforeLoop = true;
      if (job.task === 'timer' && this.isZeroTimer(job) && this.setBeforeLoop(job)) this.zeroTimerBeforeLoop = true;
    }
    this.indexEngineJobs();
  }

  /** Finds V8's own `then` promises: the one adopting a thenable, the ones on a combinator's inputs. */
  private indexEngineJobs(): void {
    const combinatorsOf = new Map<number, TracePromise[]>();
    for (const p of this.trace.promises) {
      if (!COMBINATOR_KINDS.includes(p.kind)) continue;
      for (const input of p.inputs) {
        const list = combinatorsOf.get(input);
        if (list) list.push(p);
        else combinatorsOf.set(input, [p]);
      }
    }
    for (const p of this.trace.promises) {
      if (p.kind !== 'then' || p.parent === null || !p.internal) continue;
      const madeIn = this.jobs.get(this.moments.jobAt[p.createdAt] ?? 0);
      if (madeIn && madeIn.task === 'microtask' && madeIn.label.endsWith(THENABLE_JOB_LABEL)) {
        // The first `then` V8 calls in the job is the thenable's (a thenable's own `then` may make more).
        if (!this.adoptionIn.has(madeIn.id)) {
          this.adoptionIn.set(madeIn.id, p);
          this.adoptions.set(p.id, madeIn);
        }
        continue;
      }
      const candidates = combinatorsOf.get(p.parent);
      if (!candidates) continue;
      let combinator: TracePromise | undefined;
      for (const c of candidates) if (c.createdAt < p.createdAt) combinator = c;
      if (!combinator) continue;
      this.inputThens.set(p.id, combinator);
      const list = this.thensOf.get(combinator.id);
      if (list) list.push(p);
      else this.thensOf.set(combinator.id, [p]);
    }
    this.markAwaitWrappers();
    this.rankInputJobs();
  }

  /**
   * For each combinator, its inputs in the order their results reached it (the jobs of its `then`s,
   * never-run ones last): what it still waits for at each input's job, without a search per job.
   */
  private rankInputJobs(): void {
    for (const [, thens] of this.thensOf) {
      const start = (t: TracePromise): number => this.jobOfPromise.get(t.id)?.startedAt ?? Infinity;
      thens.sort((a, b) => start(a) - start(b));
      thens.forEach((t, i) => this.inputRank.set(t.id, i));
    }
  }

  private markAwaitWrappers(): void {
    for (const p of this.trace.promises) {
      if (p.kind !== 'await' || p.parent === null) continue;
      const wrapper = this.promises.get(p.parent);
      if (wrapper && this.isAwaitWrapper(wrapper)) wrapper.awaitOf = p.id;
    }
  }

  /** The promise V8 wraps an awaited value in when it is not a promise: kind `await`, no parent. */
  private isAwaitWrapper(p: TracePromise): boolean {
    return p.kind === 'await' && p.parent === null;
  }

  run(): void {
    // A job of the program's is told against the job of the program's before it, as the timeline
    // shows them; one of Node's against the job just before it.
    let previous: TraceJob | undefined;
    let previousShown: TraceJob | undefined;
    for (const job of this.order) {
      const why = this.explain(job, job.internal ? previous : previousShown);
      job.why = { rule: why[0], text: capital(why[1]) };
      previous = job;
      if (!job.internal) previousShown = job;
    }
  }

  private step(seq: number): number {
    return this.stepOf(seq);
  }

  private queuedBy(job: TraceJob): TraceJob | undefined {
    if (job.enqueuedAt === null) return undefined;
    const id = this.moments.jobAt[job.enqueuedAt];
    return id ? this.jobs.get(id) : undefined;
  }

  private explain(job: TraceJob, previous: TraceJob | undefined): [WhyRule, string] {
    switch (job.task) {
      case 'script':
        return [
          'script',
          job.label === 'main module'
            ? 'The main module runs first, top to bottom, as one job: nothing it queues runs before it ends.'
            : 'The script runs first, top to bottom, as one job: nothing it queues runs before it ends and the call stack is empty.',
        ];
      case 'nextTick':
        return ['next-tick', this.nextTick(job, previous)];
      case 'microtask': {
        const [rule, text] = this.microtask(job);
        const context = this.drainContext(job, previous);
        return [rule, context ? `${context} ${capital(text)}` : text];
      }
      case 'timer':
        return this.timer(job);
      case 'immediate':
        return this.immediate(job);
      case 'io':
        return ['io', `Poll phase: an I/O operation finished, so Node ran its callback (${job.label}).`];
      case 'other':
        return [
          'other',
          `Node ran this callback (${job.label}); the trace does not record which of its queues it came from.`,
        ];
    }
  }

  private queuedAt(job: TraceJob): string {
    if (job.enqueuedAt === null) return '';
    const by = this.queuedBy(job);
    return ` (queued at step ${this.step(job.enqueuedAt)}${by ? ` by ${jobPhrase(by)}` : ''})`;
  }

  private nextTick(job: TraceJob, previous: TraceJob | undefined): string {
    const queued = this.queuedAt(job);
    if (this.queuedBy(job)?.task === 'microtask') {
      return `A \`process.nextTick\` callback queued by a promise job (at step ${this.step(job.enqueuedAt!)}) waits until the microtask queue is empty; then Node runs the nextTick queue.`;
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
    const by = this.queuedBy(job);
    if (by && previous === by && by.endedAt !== null && by.endedAt < job.startedAt) {
      return `${capital(jobPhrase(by))} queued it at step ${this.step(job.enqueuedAt!)} and finished: with the call stack empty, Node runs \`process.nextTick\` callbacks first, before promise jobs and before the event loop moves on.`;
    }
    return `A job ended and the call stack is empty: Node runs \`process.nextTick\` callbacks first, before promise jobs${queued}.`;
  }

  /** A sentence for the first microtask after another kind of job: why promise jobs run now. */
  private drainContext(job: TraceJob, previous: TraceJob | undefined): string {
    if (!previous || previous.task === 'microtask') return '';
    const waiting = this.moments.waiting(job.id);
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

  private microtask(job: TraceJob): [WhyRule, string] {
    const queued = this.queuedAt(job);
    if (job.promise === null) {
      return [
        'queue-microtask',
        `A \`queueMicrotask\` callback${queued}: it waits in the microtask queue with promise jobs, first in, first out.`,
      ];
    }
    const p = this.promises.get(job.promise);
    if (!p) return ['promise-job', `A promise job for promise #${job.promise}${queued}.`];
    if (job.label.endsWith(THENABLE_JOB_LABEL)) return ['adopt-thenable', this.adoptThenable(job, p)];
    const adopting = this.adoptions.get(p.id);
    if (adopting) {
      if (job.label.startsWith("Node's ")) job.label = ADOPT_RESULT_LABEL;
      return ['adopt-settle', this.adoptSettle(p, adopting)];
    }
    const combinator = this.inputThens.get(p.id);
    if (combinator) {
      const name = COMBINATOR_NAMES[combinator.kind] ?? combinator.kind;
      if (job.label.startsWith("Node's ")) job.label = `${name} input`;
      return this.combinatorInput(job, p, combinator, name);
    }
    const parent = p.parent === null ? undefined : this.promises.get(p.parent);
    // The wrapper of an awaited value has a job of its own only when that value is a thenable.
    if (this.isAwaitWrapper(p)) {
      // The reader labels a promise's first job by its kind; this one resumes nothing.
      if (job.label.endsWith('await continuation'))
        job.label = job.label.replace('await continuation', THENABLE_JOB_LABEL);
      return ['adopt-thenable', this.adoptThenable(job, p)];
    }
    if (p.kind === 'await') return this.awaitResume(job, p, parent);
    if (parent && HANDLER_NAMES[p.kind]) return this.reaction(job, p, parent);
    return ['promise-job', `A promise job V8 queued for ${this.name(p)}${queued}.`];
  }

  /** `promise #3`, or `Node's promise #3` for one of Node's own. */
  private name(p: TracePromise): string {
    return `${p.internal ? "Node's " : ''}promise #${p.id}`;
  }

  private line(p: TracePromise): string {
    return p.location ? ` at line ${p.location.line}` : '';
  }

  private reaction(job: TraceJob, p: TracePromise, parent: TracePromise): [WhyRule, string] {
    const handler = HANDLER_NAMES[p.kind]!;
    const state = parent.state;
    const reactions = parent.reactions.filter((r) => r.child === p.id);
    const located = reactions.some((r) => r.handler !== null);
    const listed = reactions.some((r) => r.on === 'both' || r.on === (state === 'rejected' ? 'reject' : 'fulfil'));
    const passes =
      job.passThrough === true ||
      (p.kind === 'catch' && state === 'fulfilled') ||
      (p.kind === 'then' && state === 'rejected' && located && !listed);
    const settled =
      parent.settledAt === null
        ? `${this.name(parent)} settled`
        : `${this.name(parent)} ${state} at step ${this.step(parent.settledAt)}`;
    const already = job.enqueuedAt !== null && parent.settledAt !== null && job.enqueuedAt > parent.settledAt;
    if (passes) {
      const missing = state === 'rejected' ? 'no rejection handler' : 'no fulfilment handler';
      return [
        'pass-through',
        `${settled}, and the ${handler}${this.line(p)} has ${missing}: no code runs, V8 only passes the ${state === 'rejected' ? 'reason' : 'value'} on to promise #${p.id}.`,
      ];
    }
    // A `.then` on a rejection whose call could not be read: whether it had a rejection handler is unknown.
    const unknown = p.kind === 'then' && state === 'rejected' && !located;
    if (already) {
      return [
        'reaction',
        `${this.name(parent)} had already ${state} when ${handler} was called at step ${this.step(job.enqueuedAt!)}, so its ${unknown ? 'reaction' : 'handler'} was queued as a microtask at once.`,
      ];
    }
    const which =
      p.kind === 'finally'
        ? `${handler} handler (it runs either way)`
        : unknown
          ? `${handler} reaction`
          : `${handler} handler`;
    return [
      'reaction',
      `${settled}, so its ${which} was queued as a microtask; microtasks run in the order they were queued.`,
    ];
  }

  private awaitResume(job: TraceJob, p: TracePromise, awaited: TracePromise | undefined): [WhyRule, string] {
    const at = this.line(p);
    if (!awaited)
      return ['await-resume', `The awaited value settled, so the async function resumes after its \`await\`${at}.`];
    if (
      this.isAwaitWrapper(awaited) &&
      awaited.settledAt !== null &&
      awaited.settledAt < p.createdAt &&
      awaited.state === 'fulfilled'
    ) {
      const value = awaited.value ? ` (${awaited.value.text})` : '';
      return [
        'await-value',
        `\`await\` of a value that is not a promise${value} still waits one microtask: V8 wraps it in an already fulfilled promise, so the async function resumes${at} in the next microtask, after the jobs queued before it.`,
      ];
    }
    const what = this.isAwaitWrapper(awaited) ? 'The awaited thenable' : `The awaited ${this.name(awaited)}`;
    const state = awaited.state;
    const then =
      state === 'rejected'
        ? `so the \`await\`${at} throws its reason in the async function`
        : `so the async function resumes after its \`await\`${at}`;
    if (awaited.settledAt !== null && awaited.settledAt < p.createdAt) {
      return [
        'await-resume',
        `${what} had already ${state} when the \`await\`${at} ran (step ${this.step(p.createdAt)}); an \`await\` still waits one microtask, ${then.replace('so ', 'then ')}.`,
      ];
    }
    const when = awaited.settledAt !== null ? ` at step ${this.step(awaited.settledAt)}` : '';
    return ['await-resume', `${what} ${state === 'pending' ? 'settled' : state}${when}, ${then}.`];
  }

  private adoptThenable(job: TraceJob, adopter: TracePromise): string {
    const then = this.adoptionIn.get(job.id);
    const thenable = then?.parent != null ? this.promises.get(then.parent) : undefined;
    const t = thenable ? `promise #${thenable.id}` : 'a thenable';
    let cause: string;
    switch (adopter.kind) {
      case 'then':
      case 'catch':
        cause = `The ${HANDLER_NAMES[adopter.kind]} handler returned ${t}, so promise #${adopter.id} must adopt it`;
        break;
      case 'finally':
        cause = `\`.finally\` passes the value on through a promise of V8's own (${t}), which promise #${adopter.id} must adopt`;
        break;
      case 'async':
        cause = `The async function returned ${t}, so its promise #${adopter.id} must adopt it`;
        break;
      case 'await':
        cause = `\`await\` was given ${t === 'a thenable' ? 'a thenable that is not a promise' : t}, so the promise V8 made for it (#${adopter.id}) must adopt it`;
        break;
      case 'new':
      case 'withResolvers':
        cause = `\`resolve\` was called with ${t}, so promise #${adopter.id} must adopt it`;
        break;
      default:
        cause = `${this.name(adopter)} was resolved with ${t}, so it must adopt it`;
    }
    if (!thenable)
      return `${cause}: this job calls the thenable's own \`then\` method, and #${adopter.id} settles when that calls back.`;
    return `${cause}: this job calls #${thenable.id}'s \`then\`, the first of the two extra microtasks adopting a promise costs.`;
  }

  private adoptSettle(p: TracePromise, adopting: TraceJob): string {
    const thenable = p.parent === null ? undefined : this.promises.get(p.parent);
    const adopter = adopting.promise === null ? undefined : this.promises.get(adopting.promise);
    const who = adopter ? `promise #${adopter.id}` : 'the adopting promise';
    const t = thenable ? `Promise #${thenable.id}` : 'The adopted promise';
    const state = thenable?.state ?? 'settled';
    const takes = state === 'rejected' ? 'its reason' : 'its value';
    return `${t}, which ${who} adopted, ${state === 'pending' ? 'settled' : state}, so ${who} takes ${takes}: the second extra microtask of adopting a promise.`;
  }

  private combinatorInput(job: TraceJob, p: TracePromise, c: TracePromise, name: string): [WhyRule, string] {
    const input = p.parent === null ? undefined : this.promises.get(p.parent);
    const i = input ? `#${input.id}` : 'an input';
    const state = input?.state ?? 'settled';
    const head = `Input ${i} of ${name} #${c.id} ${state}`;
    if (c.settledAt !== null && c.settledAt < job.startedAt) {
      return ['combinator-late', `${head}, but #${c.id} had already ${c.state}: V8 ignores this result.`];
    }
    const thens = this.thensOf.get(c.id) ?? [];
    const rank = this.inputRank.get(p.id) ?? thens.length - 1;
    // The inputs whose result had not reached the combinator yet; named when few.
    const still = thens.length - rank - 1;
    const named =
      still <= 4
        ? thens
            .slice(rank + 1)
            .map((t) => t.parent ?? 0)
            .sort((a, b) => a - b)
            .map((id) => `#${id}`)
        : [];
    const list = (): string =>
      named.length > 0
        ? named.length === 1
          ? named[0]
          : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
        : `${still} others`;
    const running = still > 0 ? `; ${list()} kept running` : '';
    if (c.settledIn === job.id) {
      const n = c.inputs.length;
      switch (c.kind) {
        case 'all':
          if (c.state === 'rejected')
            return ['combinator-settled', `${name} #${c.id} rejected as soon as ${i} rejected (fail fast)${running}.`];
          if (n === 1)
            return [
              'combinator-settled',
              `${head}, its only input, so ${name} #${c.id} fulfilled with its value in an array.`,
            ];
          return [
            'combinator-settled',
            `${head}, the last of its ${n} inputs, so ${name} #${c.id} fulfilled with all their values.`,
          ];
        case 'allSettled':
          if (n === 1)
            return [
              'combinator-settled',
              `${name} #${c.id} waited for its only input, ${i}, which ${state}, so it fulfilled.`,
            ];
          return [
            'combinator-settled',
            `${name} #${c.id} waited for all ${n} inputs, fulfilled or rejected: the last, ${i}, ${state}, so it fulfilled.`,
          ];
        case 'race':
          return [
            'combinator-settled',
            `${name} #${c.id} settles with the first input to settle: ${i} ${state} first${running}.`,
          ];
        case 'any':
          if (c.state === 'rejected')
            return [
              'combinator-settled',
              `Every input of ${name} #${c.id} rejected (${i} last), so it rejected with an AggregateError.`,
            ];
          return ['combinator-settled', `${name} #${c.id} fulfilled with its first input to fulfil, ${i}${running}.`];
      }
    }
    const waits = still > 0 ? `; #${c.id} still waits for ${still} more (${list()})` : '';
    if (c.kind === 'any' && state === 'rejected')
      return ['combinator-input', `${head}: ${name} ignores a rejection while another input may still fulfil${waits}.`];
    return ['combinator-input', `${head}${waits}.`];
  }

  private timer(job: TraceJob): [WhyRule, string] {
    const match = /(\d+(?:\.\d+)?) ms$/.exec(job.label);
    const delay = match ? Number(match[1]) : undefined;
    const at = this.moments.timeAt[job.startedAt];
    const now = Number.isNaN(at) ? '' : `, ${(at / 1000).toFixed(1)} ms into the run`;
    const set = job.enqueuedAt !== null ? ` (set at step ${this.step(job.enqueuedAt)})` : '';
    const repeating = /^(setInterval|interval) /.test(job.label);
    const what = delay === undefined ? 'this timer' : `this ${delay} ms ${repeating ? 'interval' : 'timer'}`;
    let text = `Timers phase: ${what}${set} was due, so Node ran it${now}.`;
    if (delay !== undefined && !(delay >= 1 && delay <= TIMEOUT_MAX))
      text += ` Node runs a ${delay} ms timer at 1 ms at the earliest.`;
    if (this.userTimers > 1)
      text += ' Timers run in order of their due time, and in the order they were set when due together.';
    if (this.racesImmediate(job)) return ['timer-or-immediate', `${text} ${RACE_TEXT}`];
    return ['timer', text];
  }

  private immediate(job: TraceJob): [WhyRule, string] {
    const queued = this.queuedAt(job);
    const by = this.queuedBy(job);
    if (by?.task === 'io') {
      return [
        'immediate-after-io',
        `Check phase: this \`setImmediate\` was set in an I/O callback (step ${this.step(job.enqueuedAt!)}), and the check phase comes right after polling for I/O, so it runs before any timer, even a 0 ms one.`,
      ];
    }
    const next = by?.task === 'immediate' ? " Set while the check phase ran, it waited for the loop's next turn." : '';
    const text = `Check phase: \`setImmediate\` callbacks run after the event loop polls for I/O${queued}.${next}`;
    if (this.racesTimer(job)) return ['timer-or-immediate', `${text} ${RACE_TEXT}`];
    return ['immediate', text];
  }

  /** Set before the event loop's first turn (by the main module, its ticks and microtasks). */
  private setBeforeLoop(job: TraceJob): boolean {
    return job.enqueuedAt !== null && job.enqueuedAt < this.loopStart && !job.internal;
  }

  private isZeroTimer(job: TraceJob): boolean {
    const match = /^setTimeout (\d+(?:\.\d+)?) ms$/.exec(job.label);
    if (!match) return false;
    const delay = Number(match[1]);
    return !(delay > 1 && delay <= TIMEOUT_MAX);
  }

  private racesImmediate(timer: TraceJob): boolean {
    return this.immediateBeforeLoop && this.isZeroTimer(timer) && this.setBeforeLoop(timer);
  }

  private racesTimer(immediate: TraceJob): boolean {
    return this.zeroTimerBeforeLoop && this.setBeforeLoop(immediate);
  }
}

const RACE_TEXT =
  'A 0 ms timer and a `setImmediate` were both set before the event loop started: Node does not promise an order between these two here (the timer goes first only if 1 ms has passed when the loop starts).';

function jobPhrase(job: TraceJob): string {
  switch (job.task) {
    case 'script':
      return job.label === 'main module' ? 'the main module' : 'the script';
    case 'nextTick':
      return 'a `process.nextTick` callback';
    case 'microtask':
      return job.promise === null ? 'a `queueMicrotask` callback' : 'a promise job';
    case 'timer':
      return 'a timer callback';
    case 'immediate':
      return 'a `setImmediate` callback';
    case 'io':
      return 'an I/O callback';
    case 'other':
      return 'a callback of Node';
  }
}

function capital(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
