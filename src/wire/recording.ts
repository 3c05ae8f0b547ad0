/**
 * The recording's wire format: written by the runtime (`src/runtime/writer.ts`), read by
 * `src/core/trace/recording.ts`, both importing this one file. Constants only, so the runtime's rule
 * (Node built-ins only) holds for what it imports from here.
 *
 * File: the magic line, then chunks `[tag: u8][byteLength: u32 LE][payload]`. Tag `S`: a JSON array of
 * strings appended to the string table. Tag `E`: little-endian int32 records `[op, ...fields]`. A string
 * chunk always precedes the event chunk that first refers to its strings.
 */
export const MAGIC = 'PLREC3\n';
export const CHUNK_STRINGS = 0x53; // 'S'
export const CHUNK_EVENTS = 0x45; // 'E'

/**
 * `Symbol.for` key, on Node's `v8` module, of the runtime's function that leaves a block of the
 * tracer's own work out of the recorded times; the loader reports its transpiling through it.
 */
export const TRACER_TIME = 'promise-lens.tracer-time';

/**
 * `Symbol.for` key under which the runtime puts its site table on Node's `v8` module object, for the
 * loader's instrumented files (src/loader/sites.ts, src/runtime/sites.ts).
 */
export const SITES_KEY = 'promise-lens.sites';

/** Record opcodes and how many int32 fields follow each. */
export const Op = {
  /** [loc, fileString, line, column] defines a location id (1-based line/column). */
  Location: 1,
  /**
   * [promise, parent, kind, loc, flags]. With a parent, it is also a reaction of the parent's: its
   * fulfil list for `then`, reject for `catch`, both for `finally` and `await`. For an internal
   * promise `loc` is the program's call that led into Node's code (0 when none): its place should the
   * program turn out to hold it.
   */
  Promise: 2,
  /** [promise] it settled here; its state and value follow in a Value record */
  Settle: 3,
  /** [job, task, promise, loc, labelString, timeHigh, timeLow] */
  JobStart: 4,
  /** [job, timeHigh, timeLow] */
  JobEnd: 5,
  /** [job, task] */
  Enqueue: 6,
  /**
   * [stream 1=stdout 2=stderr, textString, length, timeHigh, timeLow]: `length` is the whole write's,
   * in UTF-16 units, before the text dropped its trailing newline or was cut.
   */
  Console: 7,
  /* 8 is retired: a reaction is implied by a promise record's parent and kind. */
  /** [combinator, input] in argument order */
  Input: 9,
  /** [promise] */
  Unhandled: 10,
  /** [code, how 1=process.exit 2=natural end] */
  Exit: 11,
  /** [messageString] an uncaught exception that ends the program */
  Crash: 12,
  /** [] the event cap was reached */
  Truncated: 13,
  /**
   * [promise, state 1=fulfilled 2=rejected, previewString or -1]. V8 calls the settle hook before it
   * stores a fulfilment, so state and value are read a moment later, at the runtime's next hook.
   */
  Value: 14,
  /** [promise, state, value]: a Value record whose value is this integer (no string needed). */
  Integer: 15,
  /** [job, promise, timeHigh, timeLow]: a JobStart of a promise job (microtask, no place, no label) */
  PromiseJob: 16,
  /**
   * [promise]: the promise an `await` wrapped a value that is not a promise in. V8 names the awaiting
   * function's promise as its parent, which it does not derive from: it has no parent and is no reaction.
   */
  Wrapper: 17,
  /** [loc]: the program's call that printed the console line recorded just before (its `console.log`) */
  ConsoleAt: 18,
  /**
   * [job, loc]: where the callback of a job noticed lazily was written, found after its start (its
   * first records were Node's own, made before the program's function on the stack ran).
   */
  JobPlace: 19,
} as const;

export const OP_FIELDS: Readonly<Record<number, number>> = {
  1: 4,
  2: 5,
  3: 1,
  4: 7,
  5: 3,
  6: 2,
  7: 5,
  9: 2,
  10: 1,
  11: 2,
  12: 1,
  13: 0,
  14: 3,
  15: 3,
  16: 4,
  17: 1,
  18: 1,
  19: 2,
};

/** Task codes, in the order of the model's `TASK_KINDS`. */
export const TASKS = ['script', 'nextTick', 'microtask', 'timer', 'immediate', 'io', 'other'] as const;
export const Task = { script: 0, nextTick: 1, microtask: 2, timer: 3, immediate: 4, io: 5, other: 6 } as const;

/** Promise kind codes, in the order of the model's `PromiseKind` union. */
export const KINDS = [
  'new',
  'then',
  'catch',
  'finally',
  'async',
  'await',
  'resolve',
  'reject',
  'all',
  'allSettled',
  'race',
  'any',
  'withResolvers',
  'unknown',
] as const;

export const PromiseFlag = { internal: 1 } as const;

/** Time fields carry microseconds since start as `high * 1e9 + low`. */
export const TIME_SPLIT = 1e9;

/** Task words carry this bit when Node's own code scheduled the job (`src/runtime/scheduling.ts`). */
export const INTERNAL_TASK = 0x100;

/**
 * What a value is, as the runtime tells it from the value itself (never from its text: a Date is a
 * `date`, `Object(1n)` an `object`) and writes it in a value record; readers meeting a type not listed
 * read it as `object`.
 */
export const VALUE_TYPES = [
  'undefined',
  'null',
  'boolean',
  'number',
  'bigint',
  'string',
  'symbol',
  'function',
  'error',
  'promise',
  'array',
  'object',
  'date',
  'regexp',
  'map',
  'set',
] as const;

export type ValueType = (typeof VALUE_TYPES)[number];
