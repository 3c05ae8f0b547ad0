/**
 * A reaction that runs no handler. `p.catch(f)` on a promise that fulfilled, or `p.then(f)` on one
 * that rejected, still takes a microtask: V8 finds no handler in the list for `p`'s state and passes
 * the value or reason on to the promise `catch` or `then` returned. Such a job is shown as what it is:
 * skipped, with no handler and no place (`passThrough` on the job).
 */
import type { PromiseState, TraceJob, TracePromise } from './model';

/** The reaction list V8 reads for a promise settled in `state`. */
export type ReactionList = 'fulfil' | 'reject';

export function listFor(state: Exclude<PromiseState, 'pending'>): ReactionList {
  return state === 'rejected' ? 'reject' : 'fulfil';
}

/**
 * Marks `job`, the reaction job of `promise`, as one in which no handler ran: its parent settled in
 * `state` and the list for that state held none. Its label says so in words a learner can check:
 * `.catch skipped: the chain fulfilled, value passed on to #5`.
 */
export function markPassThrough(job: TraceJob, promise: TracePromise, state: Exclude<PromiseState, 'pending'>): void {
  const owner = promise.internal ? "Node's " : '';
  const what = state === 'rejected' ? 'reason' : 'value';
  job.passThrough = true;
  job.location = null;
  job.label = `${owner}.${promise.kind} skipped: the chain ${state}, ${what} passed on to #${promise.id}`;
}
