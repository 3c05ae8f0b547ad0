import type { PromiseKind, TraceJob, TracePromise } from './model';
import { THENABLE_JOB_LABEL } from './model';
import { markPassThrough } from './passThrough';
import type { IdMap } from './idMap';

/**
 * The runtime records a promise job only as "a job of promise N": what the job was (a then handler,
 * an await continuation, a thenable's then) and where its code is follow from that promise, once the
 * whole recording is read.
 */

const JOB_LABELS: Partial<Record<PromiseKind, string>> = {
  then: 'then handler',
  catch: 'catch handler',
  finally: 'finally handler',
  await: 'await continuation',
};

/**
 * A promise job's label and location come from the promise it settles. `reacted` holds the derived
 * promises whose reaction has run: jobs come in the order they started.
 */
export function describeJob(job: TraceJob, promises: IdMap<TracePromise>, reacted: IdMap<true>): void {
  if (job.task !== 'microtask' || job.promise === null) return;
  const promise = promises.get(job.promise);
  if (!promise) return;
  const label = JOB_LABELS[promise.kind];
  // Shown with Node's own promises, or because the program's promise settled in it: Node's code runs.
  const owner = promise.internal ? "Node's " : '';
  // A derived promise has one reaction job; any other job of its promise, or a job of a promise that
  // is not derived, resolves that promise with a thenable its handler returned (it calls its then).
  if (label === undefined || reacted.has(promise.id)) {
    job.label = owner + THENABLE_JOB_LABEL;
    return;
  }
  reacted.set(promise.id, true);
  job.label = owner + label;
  // `p.catch(f)` is `p.then(undefined, f)`: on a fulfilled `p` nothing of the program's runs. (For
  // `then` only the call's source says which lists it filled: `resolveHandlers`.)
  const parentState = promise.parent !== null ? promises.get(promise.parent)?.state : undefined;
  if (promise.kind === 'catch' && parentState === 'fulfilled') {
    markPassThrough(job, promise, parentState);
    return;
  }
  if (job.location === null) {
    if (promise.kind === 'await') job.location = promise.location;
    else if (promise.parent !== null) {
      const reaction = promises.get(promise.parent)?.reactions.find((r) => r.child === promise.id);
      job.location = reaction?.handler ?? null;
    }
  }
}
