/**
 * The trace model: what one run of a traced program recorded. Every consumer (the timeline, the hover,
 * the CLI formats) reads this shape; `docs/trace-format.md` documents it for people and tools.
 *
 * Positions: `seq` numbers order everything that happened (promise creations, settlements, job starts
 * and ends, console lines) in one sequence, starting at 0. Lines and columns in `SourceLocation` are
 * 1-based, as editors and stack traces print them.
 */
import type { ValueType } from '../../wire/recording';

/** Version of the JSON trace document. Bump on any change a reader of version 1 would misread. */
export const TRACE_VERSION = 1;

/** The queue a job came from. `script` is the main module's top-level run. */
export type TaskKind = 'script' | 'nextTick' | 'microtask' | 'timer' | 'immediate' | 'io' | 'other';

export const TASK_KINDS: readonly TaskKind[] = ['script', 'nextTick', 'microtask', 'timer', 'immediate', 'io', 'other'];

export type PromiseState = 'pending' | 'fulfilled' | 'rejected';

/** What created a promise, as far as the runtime could tell. */
export type PromiseKind =
  | 'new' // new Promise(executor)
  | 'then'
  | 'catch'
  | 'finally'
  | 'async' // the promise an async function returns
  | 'await' // the internal promise an await suspends on
  | 'resolve' // Promise.resolve
  | 'reject' // Promise.reject
  | 'all'
  | 'allSettled'
  | 'race'
  | 'any'
  | 'withResolvers'
  | 'node' // made deep in Node's code (fetch's, a Response body's), held by the program: it reacted to it, or left it unhandled
  | 'unknown';

export const COMBINATOR_KINDS: readonly PromiseKind[] = ['all', 'allSettled', 'race', 'any'];

/** A place in a user's source file, mapped through source maps for TypeScript. 1-based. */
export interface SourceLocation {
  /** Absolute path of the source file (the `.ts` file for TypeScript, not its transpiled output). */
  file: string;
  line: number;
  column: number;
}

/** What a value is (`src/wire/recording.ts`, where the runtime and the reader share the list). */
export { VALUE_TYPES, type ValueType } from '../../wire/recording';

/**
 * A bounded, inert description of a value. It is text made by the runtime without calling user
 * getters, `toString` or `then`; nothing in it is ever evaluated or rendered as markup.
 */
export interface ValuePreview {
  type: ValueType;
  /** At most a few hundred characters, nested values included; an error reads `Name: message`. */
  text: string;
  /** True when `text` was cut to its bound. */
  truncated?: boolean;
  /** The same value as a tree to unfold, for a value that holds others (absent for primitives). */
  tree?: ValueNode;
}

/**
 * One value in a preview's tree. `text` is the node on one line, as `ValuePreview.text` writes it
 * (cut, ending in `…`, past 160 characters); a node with `children` has a `label` to show when it is
 * unfolded (`Map(2)`, `Point`, `Error: boom`, '' for a plain object or array).
 */
export interface ValueNode {
  type: ValueType;
  text: string;
  /**
   * What it is under in its parent: a property key (`status`, `'a-b'`, `[Symbol(s)]`), an index,
   * `[cause]` and `[errors]` of an error, `target` and `handler` of a proxy, `<fulfilled>` or
   * `<rejected>` of a promise, a Map key's text (written `key => value`). Absent for the root and
   * a Set's members.
   */
  key?: string;
  label?: string;
  children?: ValueNode[];
  /** How many children were left out (past the first ten elements, twenty keys, or the size budget). */
  more?: number;
}

/** One handler registered on a promise: exactly what the promise's reaction lists hold. */
export interface Reaction {
  /** Which list the handler sits in; `then(f, g)` adds one of each, `finally(f)` one `both`. */
  on: 'fulfil' | 'reject' | 'both';
  /** Where the handler function is defined; null when it is not user code or could not be located. */
  handler: SourceLocation | null;
  /** The promise the reaction resolves (the one `then` returned), when known. */
  child: number | null;
}

export interface TracePromise {
  id: number;
  kind: PromiseKind;
  /** The promise this one derives from (`p` for `p.then(...)`, the awaited promise for `await`). */
  parent: number | null;
  /** For combinators: the input promises in argument order. Empty otherwise. */
  inputs: number[];
  /** Where user code created it; null when no user frame was on the stack. */
  location: SourceLocation | null;
  /** State at the end of the trace. */
  state: PromiseState;
  /** Settled value or rejection reason; null while pending. */
  value: ValuePreview | null;
  /** `seq` of its creation. */
  createdAt: number;
  /** `seq` of its settlement; null while pending. */
  settledAt: number | null;
  /** The job it settled in; null while pending. */
  settledIn: number | null;
  reactions: Reaction[];
  /** Created by Node's own internals (module loader, fs/promises) rather than by the user's code. */
  internal: boolean;
  /** Rejected and never handled by the time Node reported it (Node's `unhandledRejection`). */
  unhandled?: boolean;
  /**
   * Set on a promise V8 made only to carry an `await`'s value (the wrapper of a value that is not a
   * promise): the id of the `await` promise it belongs to, so views can show the two as one `await`
   * (`core/explain`).
   */
  awaitOf?: number;
  /**
   * Set on an `await` promise (and its wrapper): the id of the async function's promise whose `await`
   * made it, where the trace settles which function that was (`core/trace/awaits.ts`). Views draw it on
   * that function's row rather than as a row of its own.
   */
  awaitIn?: number;
}

/** The label of a promise job that resolves its promise with a thenable (V8 calls the thenable's `then`). */
export const THENABLE_JOB_LABEL = 'resolve with thenable';

export interface TraceJob {
  id: number;
  task: TaskKind;
  /** `seq` at which it entered its queue; null for the script and for jobs whose origin is unknown. */
  enqueuedAt: number | null;
  startedAt: number;
  /** null when the program ended inside this job. */
  endedAt: number | null;
  /** For promise jobs: the promise whose reaction (or await continuation) runs. */
  promise: number | null;
  /** The callback's location, when user code. */
  location: SourceLocation | null;
  /** A short human label: `setTimeout 100 ms`, `fs.readFile`, `then handler`, `.catch skipped: ...` (see `passThrough`). */
  label: string;
  /** Scheduled by Node's own code (stream bookkeeping ticks, the module loader), not the user's. */
  internal?: boolean;
  /**
   * A promise job in which no handler ran: the settled promise's reaction list for its state held none
   * (`.catch` on a chain that fulfilled, `.then` without a rejection handler on one that rejected), so
   * V8 only passed the value or reason on to `promise`. `location` is then null. Set only where that
   * is certain: for `.then` it takes the call's source.
   */
  passThrough?: true;
  /**
   * For an I/O or other callback of Node's: the event its function listens to, when the source
   * registers it by name (`child.on('exit', fn)`, `process.on('unhandledRejection', fn)`).
   */
  event?: string;
  /** Why the job ran at that moment (`core/explain`; rule ids in docs/trace-format.md). */
  why?: JobWhy;
}

/** Why a job ran when it did: a stable rule id and one or two sentences for people. */
export interface JobWhy {
  /** One of the rule ids listed in docs/trace-format.md (`RULES` in `core/explain`). */
  rule: string;
  text: string;
}

export type ConsoleStream = 'stdout' | 'stderr';

interface EventBase {
  seq: number;
  /** Microseconds since the traced program started; present on job boundaries and console lines. */
  time?: number;
}

export interface PromiseCreatedEvent extends EventBase {
  type: 'promise';
  promise: number;
}
export interface PromiseSettledEvent extends EventBase {
  type: 'settle';
  promise: number;
  state: Exclude<PromiseState, 'pending'>;
}
export interface JobEnqueuedEvent extends EventBase {
  type: 'enqueue';
  job: number;
  task: TaskKind;
  /** Node's own code queued it (known here too for a job that never ran, and so has no `TraceJob`). */
  internal?: true;
}
export interface JobStartEvent extends EventBase {
  type: 'job-start';
  job: number;
  task: TaskKind;
}
export interface JobEndEvent extends EventBase {
  type: 'job-end';
  job: number;
}
export interface ConsoleEvent extends EventBase {
  type: 'console';
  stream: ConsoleStream;
  text: string;
  task: TaskKind;
  job: number | null;
  /** The program's call that printed it (the `console.log`), when the runtime found one. */
  location?: SourceLocation;
  /**
   * The line reached the stream without passing through the program's `process.stdout` or
   * `process.stderr`: a child process sharing it, `fs.writeSync(1, ...)`, Node's own report of an
   * uncaught error. It sits where it came in the stream; no job of the program printed it.
   */
  outside?: true;
}
export interface UnhandledRejectionEvent extends EventBase {
  type: 'unhandled';
  promise: number;
}

export type TraceEvent =
  | PromiseCreatedEvent
  | PromiseSettledEvent
  | JobEnqueuedEvent
  | JobStartEvent
  | JobEndEvent
  | ConsoleEvent
  | UnhandledRejectionEvent;

/** Why the traced program stopped. */
export type ExitReason =
  | 'completed' // ran to the end (any exit code)
  | 'exit' // called process.exit
  | 'crashed' // uncaught exception or unhandled rejection ended it
  | 'signal' // killed by a signal it did not send itself
  | 'timeout' // the watchdog's wall-clock limit
  | 'event-limit' // recording stopped at the event cap; the program still ran to its end
  | 'heap-limit'
  | 'output-limit'
  | 'cancelled' // the user cancelled
  | 'spawn-failed'; // Node could not be started

export interface TraceExit {
  code: number | null;
  signal: string | null;
  reason: ExitReason;
  /** A sentence for people: the uncaught error, the limit that was hit. */
  message?: string;
  /**
   * The program's own code that was running when the runner stopped it (a time limit, Cancel, the
   * output limit): its top frame, 1-based. Absent when it was waiting (no code of its own ran) or did
   * not answer before it was killed.
   */
  stuckAt?: SourceLocation;
  /**
   * Node (or, for TypeScript, the loader) could not parse this file: the program, or the module it
   * was loading, did not run. 1-based, in the file as written (the .ts file's own position).
   */
  syntaxError?: SourceLocation;
}

export interface Trace {
  version: typeof TRACE_VERSION;
  /** Absolute path of the traced entry file. */
  file: string;
  /** `process.version` of the Node that ran it. */
  node: string;
  /** ISO time the run started. */
  startedAt: string;
  durationMs: number;
  promises: TracePromise[];
  jobs: TraceJob[];
  events: TraceEvent[];
  exit: TraceExit;
  /** True when recording stopped before the program did (event cap); the trace says up to where. */
  truncated: boolean;
  /**
   * The program took `process.stdin` where the runner gave it no input (VS Code): it read end-of-file
   * at once. `at` is the program's line that took it, when known.
   */
  stdinEof?: { at: SourceLocation | null };
}
