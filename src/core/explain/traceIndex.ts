import { THENABLE_JOB_LABEL, type Trace, type TraceJob, type TracePromise } from '../trace/model';
import { stepsOf } from '../trace/steps';
import { IdMap } from '../trace/idMap';
import { indexEngineJobs, type EngineJobs } from './engineJobs';
import { gatherMoments, type Moments } from './moments';
import { jobPhrase } from './words';

/** The longest delay Node's timers take; a delay outside 1..this runs as 1 ms. */
export const TIMEOUT_MAX = 2 ** 31 - 1;

/**
 * What every explanation looks up, built once over the trace: promises and jobs by id, the jobs in
 * the order they started, the moments of the run, V8's own jobs, and when the event loop began.
 */
export class TraceIndex {
  readonly promises = new IdMap<TracePromise>();
  readonly jobs = new IdMap<TraceJob>();
  /** The promise job that ran each promise's reaction, by promise id. */
  readonly jobOfPromise = new IdMap<TraceJob>();
  readonly moments: Moments;
  readonly engine: EngineJobs;
  /** The jobs in the order they started. */
  readonly order: TraceJob[];
  /** Whether a `setImmediate`, and a 0 ms timer, were set before the event loop started. */
  readonly immediateBeforeLoop: boolean = false;
  readonly zeroTimerBeforeLoop: boolean = false;
  /** The first event loop job (timer, immediate, I/O): before it, the main module and its ticks ran. */
  readonly loopStart: number;
  readonly userTimers: number;
  private readonly stepOf: (seq: number) => number;

  /** The trace's events, in order (`seq` is the index). */
  readonly events: Trace['events'];

  constructor(trace: Trace) {
    this.events = trace.events;
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
      if (job.task === 'timer' && isZeroTimer(job) && this.setBeforeLoop(job)) this.zeroTimerBeforeLoop = true;
    }
    this.engine = indexEngineJobs(trace, this.promises, this.jobs, this.jobOfPromise, this.moments.jobAt);
  }

  /** The step number the timeline shows for `seq` (Node's internals hidden). */
  step(seq: number): number {
    return this.stepOf(seq);
  }

  queuedBy(job: TraceJob): TraceJob | undefined {
    if (job.enqueuedAt === null) return undefined;
    const id = this.moments.jobAt[job.enqueuedAt];
    return id ? this.jobs.get(id) : undefined;
  }

  /** ` (queued at step 4 by a promise job)`, or '' when the trace does not know. */
  queuedAt(job: TraceJob): string {
    if (job.enqueuedAt === null) return '';
    const by = this.queuedBy(job);
    return ` (queued at step ${this.step(job.enqueuedAt)}${by ? ` by ${jobPhrase(by)}` : ''})`;
  }

  /** Set before the event loop's first turn (by the main module, its ticks and microtasks). */
  setBeforeLoop(job: TraceJob): boolean {
    return job.enqueuedAt !== null && job.enqueuedAt < this.loopStart && !job.internal;
  }
}

export function isZeroTimer(job: TraceJob): boolean {
  const match = /^setTimeout (\d+(?:\.\d+)?) ms$/.exec(job.label);
  if (!match) return false;
  const delay = Number(match[1]);
  return !(delay > 1 && delay <= TIMEOUT_MAX);
}
