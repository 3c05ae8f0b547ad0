import { isAwaitWrapper } from '../trace/awaits';
import type { IdMap } from '../trace/idMap';
import { COMBINATOR_KINDS, THENABLE_JOB_LABEL, type Trace, type TraceJob, type TracePromise } from '../trace/model';

/**
 * The jobs V8 runs for itself, found once so that each job's explanation is a lookup: the `then` it
 * calls on a thenable a promise adopts, and the `then`s it attaches to a combinator's inputs. Also
 * marks the promise V8 wraps an awaited value in (`awaitOf`).
 */
export interface EngineJobs {
  /** V8's `then` on a thenable, made in the job that adopts it: its promise id to that job. */
  adoptions: Map<number, TraceJob>;
  /** The same, from the adopting job's id to V8's `then` promise made in it. */
  adoptionIn: Map<number, TracePromise>;
  /** The `then` V8 attaches to a combinator's input: its promise id to the combinator. */
  inputThens: Map<number, TracePromise>;
  /** Those `then` promises of each combinator, by combinator id. */
  thensOf: Map<number, TracePromise[]>;
  /** The place of each of those `then` promises in its combinator's list (`rankInputJobs`). */
  inputRank: Map<number, number>;
}

/**
 * Finds V8's own `then` promises: the one adopting a thenable, the ones on a combinator's inputs.
 * `jobAt` is the job running at each `seq`; `jobOfPromise` the job that ran each promise's reaction.
 */
export function indexEngineJobs(
  trace: Trace,
  promises: IdMap<TracePromise>,
  jobs: IdMap<TraceJob>,
  jobOfPromise: IdMap<TraceJob>,
  jobAt: Int32Array,
): EngineJobs {
  const engine: EngineJobs = {
    adoptions: new Map(),
    adoptionIn: new Map(),
    inputThens: new Map(),
    thensOf: new Map(),
    inputRank: new Map(),
  };
  const combinatorsOf = new Map<number, TracePromise[]>();
  for (const p of trace.promises) {
    if (!COMBINATOR_KINDS.includes(p.kind)) continue;
    for (const input of p.inputs) {
      const list = combinatorsOf.get(input);
      if (list) list.push(p);
      else combinatorsOf.set(input, [p]);
    }
  }
  for (const p of trace.promises) {
    if (p.kind !== 'then' || p.parent === null || !p.internal) continue;
    const madeIn = jobs.get(jobAt[p.createdAt] ?? 0);
    if (madeIn && madeIn.task === 'microtask' && madeIn.label.endsWith(THENABLE_JOB_LABEL)) {
      // The first `then` V8 calls in the job is the thenable's (a thenable's own `then` may make more).
      if (!engine.adoptionIn.has(madeIn.id)) {
        engine.adoptionIn.set(madeIn.id, p);
        engine.adoptions.set(p.id, madeIn);
      }
      continue;
    }
    const candidates = combinatorsOf.get(p.parent);
    if (!candidates) continue;
    let combinator: TracePromise | undefined;
    for (const c of candidates) if (c.createdAt < p.createdAt) combinator = c;
    if (!combinator) continue;
    engine.inputThens.set(p.id, combinator);
    const list = engine.thensOf.get(combinator.id);
    if (list) list.push(p);
    else engine.thensOf.set(combinator.id, [p]);
  }
  markAwaitWrappers(trace, promises);
  rankInputJobs(engine, jobOfPromise);
  return engine;
}

/**
 * For each combinator, its inputs in the order their results reached it (the jobs of its `then`s,
 * never-run ones last): what it still waits for at each input's job, without a search per job.
 */
function rankInputJobs(engine: EngineJobs, jobOfPromise: IdMap<TraceJob>): void {
  for (const [, thens] of engine.thensOf) {
    const start = (t: TracePromise): number => jobOfPromise.get(t.id)?.startedAt ?? Infinity;
    thens.sort((a, b) => start(a) - start(b));
    thens.forEach((t, i) => engine.inputRank.set(t.id, i));
  }
}

function markAwaitWrappers(trace: Trace, promises: IdMap<TracePromise>): void {
  for (const p of trace.promises) {
    if (p.kind !== 'await' || p.parent === null) continue;
    const wrapper = promises.get(p.parent);
    if (wrapper && isAwaitWrapper(wrapper)) wrapper.awaitOf = p.id;
  }
}
