/**
 * Which async function each `await` belongs to. V8 makes a promise for every `await` (and, for a value
 * that is not a promise, one more to wrap it), and reports as its parent the promise awaited, never
 * the async function that stopped there. A learner wrote one `await`, in one function: views show it
 * on that function's row (`awaitIn`), not as rows of their own.
 *
 * The trace says it through the order of events, as a call stack of async functions running now: an
 * async function's promise is made as it starts (pushed); an `await` stops the innermost one running
 * (its owner, popped); returning a value or throwing settles its promise (popped); an await
 * continuation job runs its owner again (pushed). One return leaves no event: returning a promise (or
 * another thenable) only queues the job that adopts it later. For such a function (`leaky` below), an
 * `await` seen while it is innermost may be its own or its caller's, after it returned; `sameFunction`
 * (the source, `core/locate/awaits.ts`) decides, and without an answer the await stays ungrouped.
 */
import { THENABLE_JOB_LABEL, type Trace, type TracePromise } from './model';
import { byId as indexById, IdMap } from './idMap';

/**
 * Whether the `await` promise `awaited` was made by an `await` written in the function whose call
 * made `asyncPromise`: true, false, or undefined when the source cannot tell.
 */
export type SameFunction = (awaited: TracePromise, asyncPromise: TracePromise) => boolean | undefined;

/** The promise V8 wraps an awaited value in when it is not a promise: kind `await`, no parent. */
export function isAwaitWrapper(p: TracePromise): boolean {
  return p.kind === 'await' && p.parent === null;
}

/**
 * For every `await` promise (wrappers too) whose async function the trace settles: that function's
 * promise id. Pure: the trace is not changed (`markAwaits` writes it).
 */
export function awaitOwners(trace: Trace, sameFunction?: SameFunction): IdMap<number> {
  const byId = indexById(trace.promises);
  const jobs = indexById(trace.jobs);
  // Async functions whose promise took a returned thenable: their last return left no event.
  const leaky = new Set<number>();
  for (const job of trace.jobs) {
    if (job.promise !== null && job.label.endsWith(THENABLE_JOB_LABEL)) leaky.add(job.promise);
  }
  const owners = new IdMap<number>();
  const stack: TracePromise[] = [];

  /** The owner of an await made now, popping the leaky functions that must have returned before it. */
  const decide = (awaited: TracePromise): TracePromise | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const candidate = stack[i];
      if (!leaky.has(candidate.id)) {
        stack.length = i + 1;
        return candidate;
      }
      const same = sameFunction?.(awaited, candidate);
      if (same === false) continue;
      // A recursive call: the caller runs the same function, so the await may be either's.
      const below = stack[i - 1];
      if (same === undefined || (below && sameFunction?.(awaited, below) !== false)) break;
      stack.length = i + 1;
      return candidate;
    }
    // Which function stopped is not known, so neither is which still runs: no await of this job is
    // given to a function that was running before this one.
    stack.length = 0;
    return undefined;
  };
  /** A wrapper's owner, decided as it is made; the await's own promise, made next, takes it. */
  const wrapperOwner = new Map<number, TracePromise | undefined>();

  for (const event of trace.events) {
    switch (event.type) {
      case 'job-start': {
        stack.length = 0;
        const resumed = jobs.get(event.job)?.promise;
        const owner = resumed == null ? undefined : owners.get(resumed);
        if (owner !== undefined) stack.push(byId.get(owner)!);
        break;
      }
      case 'job-end':
        stack.length = 0;
        break;
      case 'promise': {
        const p = byId.get(event.promise);
        if (!p) break;
        if (p.kind === 'async' && p.parent === null) {
          stack.push(p);
          break;
        }
        if (p.kind !== 'await') break;
        if (isAwaitWrapper(p)) {
          wrapperOwner.set(p.id, decide(p));
          break;
        }
        const owner = p.parent !== null && wrapperOwner.has(p.parent) ? wrapperOwner.get(p.parent) : decide(p);
        if (!owner) break;
        owners.set(p.id, owner.id);
        if (p.parent !== null && wrapperOwner.has(p.parent)) owners.set(p.parent, owner.id);
        // The function stops at its await: what runs next in this job is its caller.
        const at = stack.lastIndexOf(owner);
        if (at !== -1) stack.length = at;
        break;
      }
      case 'settle': {
        // A function that returned a value or threw; any above it on the stack ended before it.
        const at = stack.findIndex((s) => s.id === event.promise);
        if (at !== -1) stack.length = at;
        break;
      }
      default:
        break;
    }
  }
  return owners;
}

/** Writes `awaitIn` on every await promise whose async function is known (see `awaitOwners`). */
export function markAwaits(trace: Trace, sameFunction?: SameFunction): void {
  const owners = awaitOwners(trace, sameFunction);
  for (const p of trace.promises) {
    const owner = owners.get(p.id);
    if (owner !== undefined) p.awaitIn = owner;
  }
}

/**
 * The awaits a view draws on their async function's row rather than as rows: those whose function's
 * promise is shown (not Node's). Indexes into `promises`: each grouped await → its owner's index.
 */
export function groupedAwaits(promises: readonly TracePromise[], shownInternal = false): Map<number, number> {
  const index = new Map<number, number>();
  promises.forEach((p, i) => index.set(p.id, i));
  const grouped = new Map<number, number>();
  promises.forEach((p, i) => {
    if (p.awaitIn === undefined) return;
    const owner = index.get(p.awaitIn);
    if (owner === undefined) return;
    if (promises[owner].internal && !shownInternal) return;
    grouped.set(i, owner);
  });
  return grouped;
}
