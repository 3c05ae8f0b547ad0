import * as v8 from 'v8';
import { Op, PromiseFlag } from '../wire/recording';
import type { JobTracker } from './jobs';
import { DEEP_FRAMES, FRAMES, type Frames, type Locator } from './location';
import type { PromiseDetails } from './intrinsics';
import type { SettledReader } from './preview';
import { ArrayPush, MathMax, SafeMap, SafeSet, TypedArraySet, Uint8ArrayCtor } from './primordials';
import { COMBINATORS, CREATORS, KIND_CODE, subclassed, subclassing, type Combinator } from './promiseOrigin';
import { idOf, stamp } from './stamp';
import type { RecordingWriter } from './writer';
import type { SiteTable } from './sites';

/**
 * Every promise through V8's promise hooks (`v8.promiseHooks`, not async_hooks, whose promise
 * tracking stamps every promise with async ids and costs about twice as much).
 */
export class PromiseRecorder {
  /** Combinator calls in progress (wrapped statics), innermost last. */
  readonly combinators: Combinator[] = [];
  private nextPromise = 1;
  /** Ids of the promises recorded as internal: Node's own, and V8's bookkeeping ones. */
  private readonly internalIds = new SafeSet<number>();
  /**
   * Rejected promises with no reaction yet: Node's own notion of "unhandled" candidates. Node's own
   * promises too when Node's promise details tell candidates apart by their reason: one the program
   * never reacted to (`fetch(url)` alone) is reported like any other.
   */
  private readonly unhandled = new SafeMap<number, Promise<unknown>>();
  private busy = false;
  /** Settled promises whose state V8 has not stored yet. */
  private readonly pending: (Promise<unknown> | undefined)[] = [];
  private pendingCount = 0;
  /** Per promise id, how many reactions it has (derived promises, awaits), saturating at 255. */
  private reactions = new Uint8ArrayCtor(1 << 12);
  /** The last promise recorded, when it was an `await`'s (0 otherwise), and its parent: see `record`. */
  private lastAwait = 0;
  private lastAwaitParent = 0;
  private stop: (() => void) | null = null;
  /** Creation sites from the loader's instrumented code, when it instruments (see src/runtime/sites.ts). */
  sites: SiteTable | null = null;
  /** The last async function of Node's entered from the program, and the call site (see `handedBack`). */
  private lastAsyncApi = '';
  private lastAsyncApiCaller = 0;

  constructor(
    private readonly writer: RecordingWriter,
    private readonly jobs: JobTracker,
    private readonly locator: Locator,
    private readonly readSettled: SettledReader,
    private readonly details: PromiseDetails | null,
  ) {}

  install(): void {
    this.stop = v8.promiseHooks.createHook({
      init: this.init,
      before: this.before,
      after: this.after,
      settled: this.settled,
    }) as () => void;
  }

  uninstall(): void {
    this.stop?.();
    this.stop = null;
  }

  private readonly init = (promise: Promise<unknown>, parent: Promise<unknown> | undefined): void => {
    if (this.busy) return;
    try {
      if (this.pendingCount > 0) this.drain();
      const id = this.nextPromise++;
      stamp(promise, id);
      const w = this.writer;
      if (w.stopped) return;
      this.jobs.current();
      const parentId = parent ? idOf(parent) : 0;
      const combinator = this.combinators.length > 0 ? this.combinators[this.combinators.length - 1] : null;
      const sites = this.sites;
      if (sites !== null && sites.pending()) {
        // A site the loader's code handed over (src/runtime/sites.ts): no stack needed when it is certain.
        const site = combinator === null ? sites.take(parent, parentId, id) : 0;
        if (combinator !== null) sites.clear();
        if (site !== 0) {
          this.record(id, parentId, sites.kindOf(site), sites.locOf(site), false);
          return;
        }
      }
      if (combinator !== null && combinator.plain && combinator.result !== 0 && parentId !== 0) {
        // The `then` V8 attaches to an input. Where user code can run inside the call (a generator it
        // iterates, a `then` getter on an input) only the stack tells such a promise from the user's.
        this.internalIds.add(id);
        this.record(id, parentId, 'then', 0, true);
        this.input(combinator.result, parentId);
        return;
      }
      const depth = combinator !== null ? DEEP_FRAMES : FRAMES;
      let frames = this.locator.capture(this.init, depth);
      if (frames.constructed && frames.builtinCount === 1) {
        // `super()` in a Promise subclass: made where the subclass was constructed, by `new` or a builtin.
        const levels = subclassing(promise);
        if (levels > 0) frames = this.locator.capture(this.init, depth + levels, levels);
      }
      let kind = 'unknown';
      let loc = frames.loc;
      let internal = frames.internal;
      if (frames.apiCall && parentId === 0 && this.handedBack(frames)) {
        // What a Node API hands back to the program: its promise, placed at its call.
        internal = false;
        loc = frames.callerLoc;
      }
      let combinatorThen = false;
      const names = frames.builtins;
      const count = frames.builtinCount;
      for (let i = count - 1; i >= 0; i--) {
        const creator = CREATORS[names[i]];
        if (creator !== undefined) {
          kind = creator;
          break;
        }
      }
      if (kind === 'unknown' && frames.constructed) kind = 'new';
      // Under an async generator's `next`/`return`/`throw`, a promise with a parent is one of V8's
      // awaits in it (of the value returned, say): an await, wrapper and all, not the call's result.
      if (kind === 'async' && parentId !== 0) kind = 'await';
      if (COMBINATORS.has(kind) && parentId !== 0 && count > 0 && names[0] === 'then') combinatorThen = true;
      if (frames.noFrames) {
        // No JS frame at all: V8's own `then` in a job (resolving a promise with a thenable, `finally`'s
        // internals), as it is when Node's code runs the microtasks under it.
        kind = parentId !== 0 ? 'then' : 'unknown';
        internal = true;
      } else if (count === 0 && !internal) {
        kind = parentId !== 0 ? 'await' : 'async';
        if (kind === 'async' && frames.callerLoc !== 0) loc = frames.callerLoc;
        // The evaluation of a module with top-level `await`: the loader's, and pending for good.
        if (kind === 'async' && frames.moduleBody) internal = true;
      }
      if (combinator !== null) {
        if (combinator.result === 0 && parentId === 0) {
          combinator.result = id;
          kind = combinator.kind;
        } else if (parentId === 0 && kind === combinator.kind) {
          // A plain value among the inputs, wrapped by the combinator's `Promise.resolve`.
          kind = 'resolve';
        } else if (combinatorThen) {
          // The `then` a combinator attaches to each input: V8's bookkeeping, not the user's.
          kind = 'then';
          internal = true;
          this.input(combinator.result, parentId);
        }
      } else if (combinatorThen) {
        // V8's own `then` on an input of a combinator called around the wrapper (Node's primordials).
        kind = 'then';
        internal = true;
      }
      if (internal) this.internalIds.add(id);
      this.record(id, parentId, kind, internal ? frames.reachLoc : loc, internal);
    } catch {
      // Recording never throws into the program.
    }
  };

  /**
   * Whether a promise Node's code made, called right from the program's (`Frames.apiCall`), is the
   * one the program gets back. An async function's is. A `new Promise` in a plain function is
   * (`timers/promises`, a promisified function); one in the body of the async function just entered
   * from the same call (`events.once`) is that function's own business.
   */
  private handedBack(frames: Frames): boolean {
    if (frames.builtinCount === 0) {
      this.lastAsyncApi = frames.apiFunction;
      this.lastAsyncApiCaller = frames.callerLoc;
      return true;
    }
    return frames.apiFunction !== this.lastAsyncApi || frames.callerLoc !== this.lastAsyncApiCaller;
  }

  private record(id: number, parentId: number, kind: string, loc: number, internal: boolean): void {
    const w = this.writer;
    if (w.room(6, true)) {
      w.put(Op.Promise);
      w.put(id);
      w.put(parentId);
      w.put(KIND_CODE[kind] ?? KIND_CODE.unknown);
      w.put(loc);
      w.put(internal ? PromiseFlag.internal : 0);
    }
    // The parent's reaction is implied by this record (see Op.Promise); only the bookkeeping is here.
    if (parentId !== 0) {
      this.markReaction(parentId);
      this.unhandled.delete(parentId);
    }
    if (kind !== 'await' || internal) {
      this.lastAwait = 0;
      return;
    }
    // V8 makes an `await` of a value that is not a promise wrap it first, and calls the hook for the
    // wrapper with the awaiting function's promise as its parent; the await's own promise follows at
    // once, deriving from the wrapper. Only then is the wrapper known for what it is.
    if (parentId !== 0 && parentId === this.lastAwait) this.unwrap(this.lastAwait, this.lastAwaitParent);
    this.lastAwait = id;
    this.lastAwaitParent = parentId;
  }

  private unwrap(wrapper: number, parentId: number): void {
    const w = this.writer;
    if (w.room(2, false)) {
      w.put(Op.Wrapper);
      w.put(wrapper);
    }
    if (parentId !== 0) this.unmarkReaction(parentId);
  }

  private input(combinator: number, input: number): void {
    const w = this.writer;
    if (combinator !== 0 && w.room(3, false)) {
      w.put(Op.Input);
      w.put(combinator);
      w.put(input);
    }
  }

  private readonly before = (promise: Promise<unknown>): void => {
    try {
      if (this.pendingCount > 0) this.drain();
      const id = idOf(promise);
      // A site is taken by the promise made right after it is set, never across jobs.
      if (this.sites !== null && this.sites.pending()) this.sites.clear();
      this.jobs.enterPromiseJob(id);
    } catch {
      // see init
    }
  };

  private readonly after = (): void => {
    try {
      if (this.pendingCount > 0) this.drain();
      this.jobs.exit();
    } catch {
      // see init
    }
  };

  private readonly settled = (promise: Promise<unknown>): void => {
    if (this.busy) return;
    try {
      if (this.pendingCount > 0) this.drain();
      const id = idOf(promise);
      const w = this.writer;
      if (id === 0 || w.stopped) return;
      this.jobs.current();
      if (w.room(2, true)) {
        w.put(Op.Settle);
        w.put(id);
        this.pending[this.pendingCount++] = promise;
      }
    } catch {
      // see init
    }
  };

  /** Reads the state and value of the promises settled since the last hook (see Op.Value). */
  drain(): void {
    if (this.busy) return;
    this.busy = true;
    let later: Promise<unknown>[] | null = null;
    try {
      const w = this.writer;
      for (let i = 0; i < this.pendingCount; i++) {
        const promise = this.pending[i] as Promise<unknown>;
        const settled = this.readSettled(promise);
        if (settled === null) {
          // Not stored yet (a resolution still following a thenable): looked at again next time.
          ArrayPush((later ??= []), promise);
          continue;
        }
        const id = idOf(promise);
        if (settled.rejected && (this.details !== null || !this.internalIds.has(id)) && !this.hasReaction(id))
          this.unhandled.set(id, promise);
        if (!w.room(4, false)) continue;
        const integer = settled.integer;
        w.put(integer === undefined ? Op.Value : Op.Integer);
        w.put(id);
        w.put(settled.rejected ? 2 : 1);
        if (integer !== undefined) w.put(integer);
        else
          w.put(
            settled.encoded
              ? settled.encoded.length <= 48
                ? w.intern(settled.encoded)
                : w.string(settled.encoded)
              : -1,
          );
      }
    } catch {
      // see init
    } finally {
      // The slots are reused rather than the array shortened (a builtin call); the promises are let go.
      for (let i = 0; i < this.pendingCount; i++) this.pending[i] = undefined;
      this.pendingCount = 0;
      if (later !== null) for (let i = 0; i < later.length; i++) this.pending[this.pendingCount++] = later[i];
      this.busy = false;
    }
  }

  /**
   * The candidate Node has just reported unhandled, rejected with `reason`: found by its reason when
   * Node's promise details can be read, else the first candidate whose reactions the hooks can see.
   */
  takeReported(reason: unknown): number {
    let found = 0;
    let fallback = 0;
    this.unhandled.forEach((promise, id) => {
      if (found !== 0) return;
      if (this.details !== null) {
        // The program's own promise first, should one of Node's hold the same reason.
        if (this.details(promise)?.[1] === reason) {
          if (!this.internalIds.has(id)) found = id;
          else if (fallback === 0) fallback = id;
        }
      } else if (fallback === 0 && !subclassed(promise)) {
        fallback = id;
      }
    });
    const id = found || fallback;
    if (id !== 0) this.unhandled.delete(id);
    return id;
  }

  /**
   * The candidates still without a reaction: at exit, and when Node reports its unhandled rejections
   * to the program's listeners (it reports every one it holds then, and each once). An instance of a
   * Promise subclass is left out: V8 gives the `then` of a subclass no parent, so its reactions are
   * unseen and it is not guessed.
   */
  takeCandidates(each: (id: number) => void): void {
    this.unhandled.forEach((promise, id) => {
      if (!subclassed(promise) && !this.internalIds.has(id)) each(id);
    });
    this.unhandled.clear();
  }

  private hasReaction(id: number): boolean {
    return id < this.reactions.length && this.reactions[id] !== 0;
  }

  private markReaction(id: number): void {
    if (id >= this.reactions.length) {
      const grown = new Uint8ArrayCtor(MathMax(this.reactions.length * 2, id + 1));
      TypedArraySet(grown, this.reactions);
      this.reactions = grown;
    }
    if (this.reactions[id] < 255) this.reactions[id]++;
  }

  /** Takes back a reaction counted for a wrapper (a count that saturated stays: "many"). */
  private unmarkReaction(id: number): void {
    if (id < this.reactions.length && this.reactions[id] > 0 && this.reactions[id] < 255) this.reactions[id]--;
  }
}
