import type { TraceEvent, TraceJob, TracePromise } from './model';
import { byId as indexById, type IdMap } from './idMap';

/**
 * Tells Node's own promise jobs from the user's, and finds where an ES module's body ran.
 *
 * A promise job belongs to Node when its promise is Node's and nothing the user wrote happened in it
 * (no user promise created or settled, no console line, no user job queued); so does an I/O callback,
 * which the runtime notices only when something was recorded in it. Node evaluates an ES
 * module from inside its loader's promise jobs, after a script job that ran only loader code: the
 * first such job in which user code ran is the module's body, and is shown as the script it is to
 * the user, while the loader-only script job is Node's.
 */
export function classifyJobs(jobs: TraceJob[], events: TraceEvent[], promises: IdMap<TracePromise>): void {
  const flags = userActiveJobs(jobs, events, promises);
  const byId = indexById(jobs);
  const script = jobs.find((job) => job.task === 'script');
  let body: TraceJob | undefined;
  for (const job of jobs) {
    // Node's own I/O (the loader reading files) is noticed only when it made promises, all of them Node's.
    if ((job.task === 'io' || job.task === 'other') && !flags.has(job.id, ACTIVE)) job.internal = true;
    // Node's code queued it, but something of the program's happened in it: a listener Node calls on
    // the next tick (`server.listen(0, callback)`), a timer of `timers/promises`.
    if (job.internal && job.promise === null && job.task !== 'script' && flags.has(job.id, ACTIVE))
      job.internal = false;
    if (job.task !== 'microtask' || job.promise === null || !promises.get(job.promise)?.internal) continue;
    if (!flags.has(job.id, ACTIVE)) job.internal = true;
    else if (flags.has(job.id, RAN_CODE)) body ??= job;
  }
  if (!script || flags.has(script.id, ACTIVE) || !body || body.startedAt < script.startedAt) return;
  script.internal = true;
  body.task = 'script';
  body.label = 'main module';
  body.enqueuedAt = null;
  body.promise = null;
  for (const event of events) {
    if (
      (event.type === 'job-start' || event.type === 'console') &&
      event.task === 'microtask' &&
      jobOf(event, byId) === body
    )
      event.task = 'script';
  }
}

function jobOf(event: TraceEvent, byId: IdMap<TraceJob>): TraceJob | undefined {
  if (event.type === 'job-start') return byId.get(event.job);
  if (event.type === 'console' && event.job !== null) return byId.get(event.job);
  return undefined;
}

/** Flags by job id (ids are small dense integers): a typed array, as a trace can hold a million jobs. */
class JobFlags {
  private readonly bits: Uint8Array;

  constructor(jobs: TraceJob[]) {
    let max = 0;
    for (const job of jobs) if (job.id > max) max = job.id;
    this.bits = new Uint8Array(max + 1);
  }

  add(id: number, flag: number): void {
    if (id >= 0 && id < this.bits.length) this.bits[id] |= flag;
  }

  has(id: number, flag: number): boolean {
    return id >= 0 && id < this.bits.length && (this.bits[id] & flag) !== 0;
  }
}

const ACTIVE = 1;
const RAN_CODE = 2;
const USER = 4;

/**
 * Jobs in which something of the user's happened (ACTIVE), and among them those in which the user's
 * code ran (RAN_CODE): V8 creates an ES module's own promise (an `async` one) while Node's loader links
 * it, before the body runs in a later job.
 */
function userActiveJobs(jobs: TraceJob[], events: TraceEvent[], promises: IdMap<TracePromise>): JobFlags {
  const flags = new JobFlags(jobs);
  for (const job of jobs) if (!job.internal) flags.add(job.id, USER);
  const open: number[] = [];
  const mark = (code: boolean): void => {
    if (open.length === 0) return;
    flags.add(open[open.length - 1], code ? ACTIVE | RAN_CODE : ACTIVE);
  };
  for (const event of events) {
    switch (event.type) {
      case 'job-start':
        open.push(event.job);
        break;
      case 'job-end': {
        const at = open.lastIndexOf(event.job);
        if (at >= 0) open.splice(at, 1);
        break;
      }
      case 'console':
        if (event.job !== null) flags.add(event.job, ACTIVE | RAN_CODE);
        break;
      case 'promise':
      case 'settle': {
        const promise = promises.get(event.promise);
        if (promise?.internal === false) mark(promise.kind !== 'async');
        break;
      }
      case 'enqueue':
        if (flags.has(event.job, USER)) mark(true);
        break;
    }
  }
  return flags;
}
