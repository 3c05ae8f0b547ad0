import type { TraceJob, TracePromise } from './model';
import type { IdMap } from './idMap';

/**
 * When each promise job entered the microtask queue, which the runtime does not see: a reaction job
 * is queued when its parent settles, or at the `then`/`await` itself when the parent had already
 * settled. Jobs that already know (queueMicrotask, timers: an enqueue record) keep theirs.
 */
export function fillEnqueuedAt(jobs: TraceJob[], promises: IdMap<TracePromise>): void {
  for (const job of jobs) {
    if (job.enqueuedAt !== null || job.task !== 'microtask' || job.promise === null) continue;
    const promise = promises.get(job.promise);
    if (!promise || promise.parent === null) continue;
    const parent = promises.get(promise.parent);
    if (!parent || parent.settledAt === null || parent.settledAt > job.startedAt) continue;
    const at = Math.max(parent.settledAt, promise.createdAt);
    if (at <= job.startedAt) job.enqueuedAt = at;
  }
}
