/**
 * A worker thread that writes the recording while the program's thread cannot. At the heap limit V8
 * ends the process from inside an allocation, with no JavaScript run, so records still buffered then
 * were lost: up to the last 100 ms of a program that recorded and then filled its heap in a loop that
 * records nothing. The writer (src/runtime/writer.ts) keeps its records in a SharedArrayBuffer and
 * publishes each record as it is whole; this thread, on another core, looks every few milliseconds and
 * writes what was published, while the program's thread keeps running (or is stuck in V8's last
 * garbage collections, which take far longer than that).
 *
 * The shared buffer: a control block of int32 words, then the event words, then the strings as UTF-8
 * JSON pieces (`,"text"`), so that a strings chunk is `[` + pieces without the first comma + `]`.
 * Either thread writes to the file only while it holds the control block's lock, and writes only
 * what is published and not yet written; the program's thread alone moves the buffer back to its
 * start, under the lock.
 *
 * The worker's code is `flusherLoop`, `writeShared` and `writeParts` below, passed as source text: none
 * refers to anything outside them (the bundle's names do not exist in the worker).
 */

import type { Worker } from 'worker_threads';
import { hasNodeFlag, stopMessagePort } from './intrinsics';
import { withNodeOriginals } from './untouched';
import {
  EventEmitterOn,
  FunctionToString,
  ObjectGetOwnPropertyDescriptor,
  ReflectOwnKeys,
  SymbolDescription,
  WorkerCtor,
  WorkerUnref,
} from './primordials';

/** Indexes of the control block's words. */
export const CONTROL = {
  /** 0 free, else who writes to the file now (OWNER). */
  lock: 0,
  /** Words before this index are whole records. */
  wordsPublished: 1,
  /** Bytes of string pieces before this index are whole pieces. */
  bytesPublished: 2,
  /** What is on disk already, from the buffer's start. */
  wordsWritten: 3,
  bytesWritten: 4,
  /** 0 while the worker should write; 1: it stops (recording ended). */
  state: 5,
  /** The word the worker sleeps on between two looks; a notify wakes it at once. */
  wake: 6,
  /** FLUSHER: whether the worker's loop runs. */
  flusher: 7,
} as const;
export const CONTROL_WORDS = 8;

export const OWNER = { none: 0, program: 1, flusher: 2 } as const;
export const FLUSHER = { starting: 0, running: 1, gone: 2 } as const;

/**
 * Records the program's thread writes one by one before it starts the flusher: a few µs each against
 * a worker's start (Node's bootstrap on another thread, 5-10 ms of the program's own), so a program
 * that makes fewer runs without one.
 */
export const FLUSHER_AFTER = 2000;

/** How often the worker looks for published records, in milliseconds. */
export const FLUSHER_INTERVAL_MS = 5;

/** What a file write needs, from the thread's own Node (the program's thread passes its primordials). */
export interface ChunkIo {
  writev: (fd: number, parts: Uint8Array[]) => number;
  write: (fd: number, part: Uint8Array, offset: number, length: number) => number;
  /** `[tag: u8][byteLength: u32 LE]` */
  header: (tag: number, length: number) => Uint8Array;
  Bytes: typeof Uint8Array;
  /** `[` and `]` as bytes. */
  open: Uint8Array;
  close: Uint8Array;
}

/** Where the regions of the shared buffer are, and the chunk tags: all the worker is told. */
export interface SharedLayout {
  shared: SharedArrayBuffer;
  wordsAt: number;
  words: number;
  bytesAt: number;
  bytes: number;
  stringsTag: number;
  eventsTag: number;
}

/**
 * Writes the string pieces [bytesFrom, bytesTo) as one strings chunk, then the words [wordsFrom,
 * wordsTo) as one events chunk, in one `writev` (continued part by part when it stops short).
 * Self-contained: it runs in both threads.
 */
export function writeShared(
  io: ChunkIo,
  fd: number,
  layout: SharedLayout,
  wordsFrom: number,
  wordsTo: number,
  bytesFrom: number,
  bytesTo: number,
): void {
  const parts: Uint8Array[] = [];
  if (bytesTo > bytesFrom) {
    parts[0] = io.header(layout.stringsTag, bytesTo - bytesFrom + 1);
    parts[1] = io.open;
    // Past the first piece's comma.
    parts[2] = new io.Bytes(layout.shared, layout.bytesAt + bytesFrom + 1, bytesTo - bytesFrom - 1);
    parts[3] = io.close;
  }
  if (wordsTo > wordsFrom) {
    const length = (wordsTo - wordsFrom) * 4;
    parts[parts.length] = io.header(layout.eventsTag, length);
    parts[parts.length] = new io.Bytes(layout.shared, layout.wordsAt + wordsFrom * 4, length);
  }
  if (parts.length > 0) writeParts(io, fd, parts);
}

/**
 * Writes `parts` in one `writev`, continued part by part where it stops short (a signal, a full pipe).
 * Self-contained: it runs in both threads (the worker's source declares it before `writeShared`).
 */
export function writeParts(io: Pick<ChunkIo, 'writev' | 'write'>, fd: number, parts: Uint8Array[]): void {
  let done = io.writev(fd, parts);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (done >= part.length) {
      done -= part.length;
      continue;
    }
    let off = done;
    done = 0;
    while (off < part.length) off += io.write(fd, part, off, part.length - off);
  }
}

export interface FlusherData {
  layout: SharedLayout;
  fd: number;
  control: typeof CONTROL;
  owner: typeof OWNER;
  flusher: typeof FLUSHER;
  interval: number;
}

/**
 * The worker's loop: sleeps `interval` ms (or until woken), then writes what the program's thread
 * published since the last write, unless that thread holds the lock (it is writing itself). Returns,
 * ending the worker, once the recording ends or a write fails.
 */
export function flusherLoop(data: FlusherData, write: typeof writeShared, fs: typeof import('fs')): void {
  const { layout, fd, control: at, owner, flusher } = data;
  const control = new Int32Array(layout.shared, 0, 8);
  const header = (tag: number, length: number): Uint8Array => {
    const out = Buffer.allocUnsafe(5);
    out[0] = tag;
    out.writeUInt32LE(length, 1);
    return out;
  };
  const io: ChunkIo = {
    writev: fs.writevSync,
    write: fs.writeSync,
    header,
    Bytes: Uint8Array,
    open: Buffer.from('['),
    close: Buffer.from(']'),
  };
  Atomics.store(control, at.flusher, flusher.running);
  for (;;) {
    Atomics.wait(control, at.wake, 0, data.interval);
    if (Atomics.load(control, at.state) !== 0) break;
    // A look without the lock first: most looks find nothing new.
    if (
      Atomics.load(control, at.wordsPublished) === Atomics.load(control, at.wordsWritten) &&
      Atomics.load(control, at.bytesPublished) === Atomics.load(control, at.bytesWritten)
    )
      continue;
    if (Atomics.compareExchange(control, at.lock, owner.none, owner.flusher) !== owner.none) continue;
    try {
      if (Atomics.load(control, at.state) !== 0) break;
      // Words first: the strings published by then include every one those words refer to.
      const words = Atomics.load(control, at.wordsPublished);
      const bytes = Atomics.load(control, at.bytesPublished);
      const wordsFrom = Atomics.load(control, at.wordsWritten);
      const bytesFrom = Atomics.load(control, at.bytesWritten);
      write(io, fd, layout, wordsFrom, words, bytesFrom, bytes);
      Atomics.store(control, at.wordsWritten, words);
      Atomics.store(control, at.bytesWritten, bytes);
    } catch {
      // A full disk or a closed file: the program's thread finds out at its own next write.
      Atomics.store(control, at.state, 1);
      break;
    } finally {
      Atomics.store(control, at.lock, owner.none);
      Atomics.notify(control, at.lock);
    }
  }
  Atomics.store(control, at.flusher, flusher.gone);
}

/**
 * Starts the flusher thread for a writer's shared buffer and file; false when it does not start. It
 * is started while the program runs (only a program that records a lot needs one), so whatever Node
 * does to start a worker must stay out of the program's sight:
 * - the worker's resources (WORKER, MESSAGEPORT) would reach the program's async hooks: with any hook
 *   enabled (an AsyncLocalStorage in use counts), or when that cannot be told (the bare preload,
 *   without Node's internals), there is no flusher thread;
 * - Node announces a new worker in a tick (`process.emit('worker', worker)`), which would run the
 *   program's `process.nextTick` if it replaced it, and the program's 'worker' listeners: not queued;
 * - Node's code calls some builtins through their prototypes (`Function.prototype.call`,
 *   EventEmitter's `on`...): they are the originals while it runs (src/runtime/untouched.ts).
 */
export function startFlusher(shared: { layout: SharedLayout; fd: number }): boolean {
  if (asyncHooksInUse()) return false;
  const tick = ObjectGetOwnPropertyDescriptor(process, 'nextTick');
  // An accessor's getter or setter would be the program's code.
  if (tick === undefined || tick.writable !== true || tick.configurable !== true) return false;
  try {
    process.nextTick = () => undefined;
    return withNodeOriginals(() => spawnFlusher(shared)) === true;
  } finally {
    process.nextTick = tick.value as typeof process.nextTick;
  }
}

/**
 * The worker itself. It loads none of the tracer's preloads (`execArgv: []`), and its stdout and stderr
 * are not piped into the program's (`stdout: true` keeps Node from opening the program's
 * `process.stdout` for that). Unref'd: it keeps nothing alive; Node ends it as the process exits,
 * after the 'exit' listeners. Its `threadId` is 1: a worker the program starts then reads 2.
 */
export function spawnFlusher(shared: { layout: SharedLayout; fd: number }): boolean {
  const data: FlusherData = {
    layout: shared.layout,
    fd: shared.fd,
    control: CONTROL,
    owner: OWNER,
    flusher: FLUSHER,
    interval: FLUSHER_INTERVAL_MS,
  };
  const source = `${FunctionToString(writeParts)}\n(${FunctionToString(flusherLoop)})(require('worker_threads').workerData, ${FunctionToString(writeShared)}, require('fs'));`;
  let worker: Worker;
  try {
    worker = new WorkerCtor(source, {
      eval: true,
      workerData: data,
      execArgv: [],
      stdin: false,
      stdout: true,
      stderr: true,
      trackUnmanagedFds: false,
    });
  } catch {
    return false;
  }
  // A worker that fails leaves the program's thread to write, as without one.
  EventEmitterOn(worker, 'error', () => undefined);
  WorkerUnref(worker);
  // Its messages to this thread ("online", an error) would run Node's code here, in the program's
  // event loop (an 'online' event, a MESSAGEPORT callback): they are never delivered.
  const port = internalPort(worker);
  if (port !== null && stopPort !== null) stopPort(port);
  return true;
}

/** Taken as the runtime loads, under `--expose-internals`. */
const stopPort = stopMessagePort();

/** The worker's own port to this thread (`kPort`, a symbol of Node's). */
function internalPort(worker: Worker): object | null {
  const keys = ReflectOwnKeys(worker);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key === 'symbol' && SymbolDescription(key) === 'kPort') {
      const port = (worker as unknown as Record<symbol, unknown>)[key];
      return typeof port === 'object' && port !== null ? port : null;
    }
  }
  return null;
}

/**
 * Node's own count of enabled async hooks (every kind), under `--expose-internals`; taken as the
 * runtime loads (the flag is gone from `process.execArgv` once the program runs, and the program
 * could hook `require`).
 */
const hookCounts = ((): { fields: Uint32Array; totals: number } | null => {
  if (!hasNodeFlag('--expose-internals')) return null;
  try {
    // Exists only under the flag, so it is required at run time, never bundled.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const internal = require('internal/async_hooks') as {
      getHookArrays?: () => [unknown, Uint32Array];
      constants?: { kTotals?: number };
    };
    const totals = internal.constants?.kTotals;
    const fields = internal.getHookArrays?.()[1];
    return typeof totals === 'number' && fields instanceof Uint32Array ? { fields, totals } : null;
  } catch {
    return null;
  }
})();

/** Whether the program has an async hook enabled (an AsyncLocalStorage in use counts); true when unknown. */
function asyncHooksInUse(): boolean {
  return hookCounts === null || hookCounts.fields[hookCounts.totals] > 0;
}
