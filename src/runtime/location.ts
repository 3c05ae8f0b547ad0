import type { RecordingWriter } from './writer';
import { Op } from '../wire/recording';
import { fileURLToPath, SafeMap, SafeSet, StringStartsWith } from './primordials';
import { readStack } from './stacks';
import { originalColumn, type Shift } from './sites';

/**
 * Where a promise was created, read from a tiny stack capture: the builtin frames on top name the
 * API that created it (`then`, `catch`, `all`, `new Promise`...), the first JS frame below them is the
 * user's call. Locations are interned per (file, position), so only a new call site costs a
 * line/column computation and a record.
 */

/**
 * How many frames: each costs about a tenth of a microsecond more. Two cover the common cases
 * ([then, user], [Promise, user], [async function, caller]); `catch` and `finally` call `then`
 * inside, so when two frames were all builtins `capture` looks again deeper. Inside a combinator
 * call it takes [then, all, the wrapper, user], so callers ask for more there.
 */
export const FRAMES = 2;
export const DEEP_FRAMES = 6;
/** Extra frames for the second look when the first saw builtins only. */
const DEEPER = 2;
/** Extra frames to look through Node's own code for the program's call that led into it (`reach`). */
const REACH = 6;
/** Bounds the places known to lead to no call of the program's (see `noReach`). */
const MAX_NO_REACH = 10_000;
/**
 * Where Node runs the promise hooks when more than one is installed (an `AsyncLocalStorage`, an
 * async hook, the program's own `v8.promiseHooks`): a frame between the runtime's hook and the
 * builtin that made the promise, which is neither the creator nor the user's.
 */
const HOOK_RUNNER = 'node:internal/promise_hooks';
/** Node's ES module loader, which starts the evaluation of a module body. */
const ESM_LOADER = 'node:internal/modules/esm/';
/**
 * Node's module loaders: V8 calls into them from the program's `import()` (their promise is not the
 * one `import()` returns), and the program never calls their async functions itself.
 */
const MODULE_LOADERS = 'node:internal/modules/';
/** Where Node emits `unhandledRejection` and `rejectionHandled`, once the microtask queue has drained. */
const REJECTIONS_FILE = 'node:internal/process/promises';
const REJECTIONS_FUNCTION = 'processPromiseRejections';

export interface Frames {
  /** Builtin names from the innermost out, up to the first JS frame: the first `builtinCount` entries. */
  builtins: string[];
  builtinCount: number;
  /** True when a builtin frame was the Promise constructor. */
  constructed: boolean;
  /** The first JS frame's location id (0 when none), and the next one's. */
  loc: number;
  callerLoc: number;
  /** The first JS frame is Node's own code. */
  internal: boolean;
  /**
   * Node's code made it in an async function, or with `new Promise`, called right from the program's
   * code (`callerLoc`): the promise a Node API hands back (fs/promises, timers/promises, events.once,
   * a promisified function), which is the program's to hold, though Node's code made it.
   */
  apiCall: boolean;
  /** For `apiCall`: which function of Node's made it (its file and start), to tell calls apart. */
  apiFunction: string;
  /** The walk ended before the frame that would say whether it is `apiCall`. */
  apiCut: boolean;
  /**
   * For Node's own promises: the program's call that led into Node's code through plain calls only
   * (`fetch(url)`, `response.text()`), else 0. Not the promise's place: it is kept in case the
   * program turns out to hold the promise (see `readRecording`).
   */
  reachLoc: number;
  /** The walk ended in Node's plain calls before reaching the program's frame or an end. */
  reachCut: boolean;
  /**
   * The first JS frame is a module's top-level code at its very start, called by Node's ES module
   * loader: either a call there, or (for a promise with no builtin frame and no parent) the promise V8
   * makes for evaluating a module with top-level `await`.
   */
  moduleBody: boolean;
  /** No JS frame at all: V8 created it while running a job (finally's internals, thenable jobs). */
  noFrames: boolean;
}

export class Locator {
  private readonly byFile = new SafeMap<string, SafeMap<number, number>>();
  private nextLoc = 1;
  private readonly holder: { stack?: unknown } = {};
  /** How many frames the last capture held. */
  private seen = 0;
  /** 1 while Node's hook runner stands between the hook and the creator (see HOOK_RUNNER). */
  private runner = 0;
  private sawRunner = false;
  /** Constructor frames `analyse` still passes over (see `capture`). */
  private constructors = 0;
  /** The first one or two frames of Node's in the last look, as a key (see `noReach`). */
  private reachKey = '';
  private keyed = false;
  /**
   * Pairs of Node's frames from which a look further found no call of the program's: Node's code
   * running on its own (an await in its async functions). Most of Node's promises are made there, and
   * a second, deeper capture each cost programs that do much I/O a sixth of their traced time.
   */
  private readonly noReach = new SafeSet<string>();
  private readonly result: Frames = {
    builtins: [],
    builtinCount: 0,
    constructed: false,
    loc: 0,
    callerLoc: 0,
    internal: false,
    apiCall: false,
    apiFunction: '',
    apiCut: false,
    reachLoc: 0,
    reachCut: false,
    moduleBody: false,
    noFrames: true,
  };
  private readonly prepare = (_error: unknown, sites: NodeJS.CallSite[]): unknown => {
    this.analyse(sites);
    return undefined;
  };

  constructor(
    private readonly writer: RecordingWriter,
    private readonly ownFile: string,
  ) {}

  /**
   * The frames above `skip` (a hook function), analysed; the returned object is reused. For an
   * instance of a Promise subclass, `constructors` is how many subclass constructors stand between
   * the Promise constructor and whatever made the instance (`new`, `then`, `resolve`...): those frames
   * are passed over, so the promise gets the place and kind a plain promise made there would.
   */
  capture(skip: (...args: never[]) => unknown, frames = FRAMES, constructors = 0): Frames {
    const r = this.result;
    let limit = frames + this.runner;
    let deeper = false;
    /** The key of the look that decided to look further (never '' then), as the next capture from there will see it. */
    let reachedFrom = '';
    // One look for nearly every promise; a second or third only when the first came up short. (A loop,
    // not a helper called per look: that call alone cost the whole run 8%.)
    for (let look = 0; ; look++) {
      r.builtinCount = 0;
      r.constructed = false;
      r.loc = 0;
      r.callerLoc = 0;
      r.internal = false;
      r.apiCall = false;
      r.apiFunction = '';
      r.apiCut = false;
      r.reachLoc = 0;
      r.reachCut = false;
      this.reachKey = '';
      this.keyed = false;
      r.moduleBody = false;
      r.noFrames = true;
      this.seen = 0;
      this.sawRunner = false;
      this.constructors = constructors;
      readStack(this.holder, limit, this.prepare, skip);
      if (look === 0 && this.sawRunner && this.runner === 0 && this.seen >= limit) {
        // Another hook came since the last capture, and its runner's frame took one this one needed.
        limit++;
        continue;
      }
      if (!deeper && (r.noFrames || r.apiCut) && this.seen >= limit) {
        // The limit cut the walk before any JS frame ([then, catch] for a `catch`), or before the
        // caller of Node's code: look deeper once.
        limit += DEEPER;
        deeper = true;
        continue;
      }
      if (reachedFrom === '' && r.reachCut && this.seen >= limit && !this.noReach.has(this.reachKey)) {
        // Node's code called from Node's code: look through it once for the program's call.
        limit += REACH;
        reachedFrom = this.reachKey;
        continue;
      }
      break;
    }
    if (reachedFrom !== '' && r.reachLoc === 0 && this.noReach.size < MAX_NO_REACH) this.noReach.add(reachedFrom);
    // Other hooks come and go as the program runs: the next capture takes one frame more while they are there.
    this.runner = this.sawRunner ? 1 : 0;
    return r;
  }

  /**
   * The program's innermost frame below `skip` (a hook function), looking through Node's own frames
   * (the console's, the stream's) for up to `limit` frames; 0 when there is none.
   */
  callerOf(skip: (...args: never[]) => unknown, limit: number): number {
    const found = readStack(this.holder, limit, this.firstOwn, skip);
    return typeof found === 'number' ? found : 0;
  }

  /**
   * Where the callback Node is running was written (the function of the program's outermost frame),
   * for a callback of Node's the runtime did not wrap (an I/O callback); 0 when the walk of up to
   * `limit` frames did not reach the bottom of the stack, or no frame is the program's.
   */
  callbackOf(limit: number): number {
    this.callbackLimit = limit;
    this.inRejectionEvents = false;
    const found = readStack(this.holder, limit, this.outermostOwn, this.callbackOf);
    return typeof found === 'number' ? found : 0;
  }

  private callbackLimit = 0;
  /** The last `callbackOf` looked through Node's emitting of its unhandled-rejection events. */
  inRejectionEvents = false;

  private readonly outermostOwn = (_error: unknown, sites: NodeJS.CallSite[]): unknown => {
    if (sites.length >= this.callbackLimit) return 0;
    for (let i = sites.length - 1; i >= 0; i--) {
      const site = sites[i];
      const file = site.getFileName();
      if (file === REJECTIONS_FILE && site.getFunctionName() === REJECTIONS_FUNCTION) this.inRejectionEvents = true;
      if (!file || file === this.ownFile || StringStartsWith(file, 'node:') || site.isAsync()) continue;
      const line = site.getEnclosingLineNumber() ?? 0;
      const column = site.getEnclosingColumnNumber() ?? 0;
      if (line === 0) return 0;
      return this.internFunction(file, line, column);
    }
    return 0;
  };

  /**
   * A function's start, interned beside the positions V8 gives frames: V8 gives no position for it, so
   * it is keyed below zero by its line and column (a column of a minified line fits in 21 bits).
   */
  private internFunction(file: string, line: number, column: number): number {
    return this.internAt(file, line, column, -(line * 2 ** 21 + column) - 1, true);
  }

  private readonly firstOwn = (_error: unknown, sites: NodeJS.CallSite[]): unknown => {
    for (let i = 0; i < sites.length; i++) {
      const file = sites[i].getFileName();
      if (!file || file === this.ownFile || StringStartsWith(file, 'node:')) continue;
      return this.intern(file, sites[i]);
    }
    return 0;
  };

  /** The location of one call site, for handlers and scheduling calls. */
  locateSite(site: NodeJS.CallSite): number {
    const file = site.getFileName();
    if (!file || StringStartsWith(file, 'node:')) return 0;
    return this.intern(file, site);
  }

  private analyse(sites: NodeJS.CallSite[]): void {
    this.seen = sites.length;
    const r = this.result;
    let first: NodeJS.CallSite | null = null;
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      const file = site.getFileName();
      if (!file) {
        if (first !== null) {
          r.apiCut = false;
          // Node's code calling on through a builtin (`Reflect.apply`, `forEach`) is still a plain call.
          if (r.internal) continue;
          break;
        }
        r.builtins[r.builtinCount++] = site.getFunctionName() ?? '';
        if (site.isConstructor()) r.constructed = true;
        continue;
      }
      if (file === this.ownFile) continue;
      // An async frame first: no code of anyone's is running, only V8's job (`finally`'s internals in a
      // chain an async function awaits), and V8 appended the function the chain leads to.
      if (first === null && site.isAsync()) break;
      if (first === null && r.builtinCount === 0 && file === HOOK_RUNNER) {
        this.sawRunner = true;
        continue;
      }
      if (first === null && r.constructed && this.constructors > 0 && site.isConstructor()) {
        this.constructors--;
        continue;
      }
      if (first === null) {
        first = site;
        r.noFrames = false;
        if (StringStartsWith(file, 'node:')) {
          r.internal = true;
          if (StringStartsWith(file, MODULE_LOADERS)) return;
          this.reachKey = `${file}:${position(site)}`;
          // Perhaps a Node API's promise: the next frame says whether the program called it.
          r.apiCut = r.builtinCount === 0 || (r.builtinCount === 1 && r.constructed);
          r.reachCut = true;
          continue;
        }
        r.loc = this.intern(file, site);
        continue;
      }
      if (r.internal) {
        // An async frame is the program awaiting Node's code, not calling it.
        if (site.isAsync() || StringStartsWith(file, MODULE_LOADERS)) {
          r.apiCut = false;
          r.reachCut = false;
          return;
        }
        if (StringStartsWith(file, 'node:')) {
          r.apiCut = false;
          if (!this.keyed) {
            this.reachKey += `>${file}:${position(site)}`;
            this.keyed = true;
          }
          continue;
        }
        r.reachCut = false;
        r.reachLoc = this.intern(file, site);
        if (!r.apiCut) return;
        r.apiCut = false;
        r.apiCall = true;
        r.apiFunction = `${first.getFileName() ?? ''}:${first.getEnclosingLineNumber() ?? 0}:${first.getEnclosingColumnNumber() ?? 0}`;
        r.callerLoc = r.reachLoc;
        return;
      }
      if (!StringStartsWith(file, 'node:')) r.callerLoc = this.intern(file, site);
      else if (r.builtinCount === 0 && StringStartsWith(file, ESM_LOADER) && isModuleBody(first)) r.moduleBody = true;
      return;
    }
  }

  private intern(file: string, site: NodeJS.CallSite): number {
    return this.internAt(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0, position(site), true);
  }

  /**
   * The location id of a place given by its file, instrumented line and column and V8's position there.
   * `moved`: the column is the instrumented text's, to be taken back to the source's (see src/runtime/sites.ts);
   * a site's own place is the source's already.
   */
  internAt(file: string, line: number, column: number, at: number, moved = false): number {
    let positions = this.byFile.get(file);
    if (positions === undefined) {
      positions = new SafeMap();
      this.byFile.set(file, positions);
    }
    let loc = positions.get(at);
    if (loc === undefined) {
      loc = this.nextLoc++;
      positions.set(at, loc);
      const w = this.writer;
      if (w.room(5, false)) {
        const shifts = moved && this.shifted !== null ? this.shifted.get(file) : undefined;
        w.put(Op.Location);
        w.put(loc);
        w.put(w.intern(StringStartsWith(file, 'file://') ? toPath(file) : file));
        w.put(line);
        w.put(shifts !== undefined ? originalColumn(shifts.get(line - 1), column) : column);
      }
    }
    return loc;
  }

  /** Instrumented files' moved lines, set once the loader's sites are on (src/runtime/sites.ts). */
  shifted: SafeMap<string, SafeMap<number, Shift[]>> | null = null;
}

/** The frame of a module's own top-level code: no function name, at the very start of its file. */
function isModuleBody(site: NodeJS.CallSite): boolean {
  return site.getFunctionName() === null && position(site) === 0;
}

function position(site: NodeJS.CallSite): number {
  return (site as NodeJS.CallSite & { getPosition(): number }).getPosition();
}

function toPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
