import { nowMs, putTime } from './clock';
import { Op, Task } from '../wire/recording';
import {
  executionAsyncId,
  executionAsyncResource,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
} from './primordials';
import type { RecordingWriter } from './writer';

type TaskCode = (typeof Task)[keyof typeof Task];

/** Later records that look again for a lazy job's callback (see `placeTries`). */
const PLACE_TRIES = 3;

/**
 * Which job is running. Jobs the runtime sees start and end precisely (promise jobs through the
 * promise hooks' before/after, timers, immediates, nextTick and queueMicrotask through wrapped
 * callbacks) and nest on a stack. Everything else (the main script, I/O callbacks, other native
 * callbacks) is noticed lazily: when the stack is empty and something is recorded, a change of
 * `executionAsyncId()` means a new top-level callback began, and the previous one ended.
 */
export class JobTracker {
  private nextJob = 1;
  /** The precise jobs open, innermost at `depth - 1` (plain stores: no array method on the hot path). */
  private readonly stack: number[] = [];
  private readonly stackTask: number[] = [];
  private depth = 0;
  private lazyJob = 0;
  private lazyTask: number = Task.script;
  private lazyAsyncId = -1;
  /**
   * Looks left to place the lazy job's callback: its first records may be Node's own (a tick its code
   * queues before the program's listener runs), so a few later records look again; then it stays
   * unplaced rather than cost a stack look at every record.
   */
  private placeTries = 0;
  /** Where the running I/O callback was written (a location id, 0 when unknown): set by the recorder. */
  placeCallback: () => number = () => 0;
  /** Called once a lazy job's start (and any later place) is written: see the recorder. */
  placed: () => void = () => {};

  constructor(private readonly writer: RecordingWriter) {}

  /** The script job, begun when the runtime loads (the main module runs next, in the same callback). */
  startScript(): void {
    this.lazyAsyncId = executionAsyncId();
    this.lazyJob = this.begin(Task.script, 0, 0, 'main script');
    this.lazyTask = Task.script;
  }

  newJobId(): number {
    return this.nextJob++;
  }

  /** The running job's id and task, noticing a new lazy job first. */
  current(): number {
    const n = this.depth;
    if (n > 0) return this.stack[n - 1];
    this.notice();
    if (this.placeTries > 0) this.place();
    return this.lazyJob;
  }

  currentTask(): number {
    const n = this.depth;
    if (n > 0) return this.stackTask[n - 1];
    this.notice();
    return this.lazyTask;
  }

  enqueue(job: number, task: TaskCode): void {
    // Queued by the running job: a callback of Node's that recorded nothing yet (an I/O callback that
    // only sets a timer) is noticed here, so the queueing is placed inside it.
    if (this.depth === 0) this.notice();
    const w = this.writer;
    if (!w.room(3, true)) return;
    w.put(Op.Enqueue);
    w.put(job);
    w.put(task);
  }

  /** A promise job starts: a microtask with no place or label, so its record is the compact `Op.PromiseJob`. */
  enterPromiseJob(promise: number): number {
    if (this.depth === 0) this.endLazy();
    const id = this.nextJob++;
    const w = this.writer;
    if (w.room(5, true)) {
      w.put(Op.PromiseJob);
      w.put(id);
      w.put(promise);
      putTime(w);
    }
    return this.open(id, Task.microtask);
  }

  /** A precise job starts; `job` may be an id handed out at enqueue time. */
  enter(task: TaskCode, promise: number, loc: number, label: string, job = 0): number {
    if (this.depth === 0) this.endLazy();
    return this.open(this.begin(task, promise, loc, label, job), task);
  }

  private open(id: number, task: number): number {
    this.stack[this.depth] = id;
    this.stackTask[this.depth] = task;
    this.depth++;
    return id;
  }

  exit(): void {
    if (this.depth === 0) return;
    this.depth--;
    this.end(this.stack[this.depth]);
  }

  /** At exit: close whatever is open, innermost first. */
  closeAll(): void {
    while (this.depth > 0) this.exit();
    this.endLazy();
  }

  private notice(): void {
    const asyncId = executionAsyncId();
    if (asyncId === this.lazyAsyncId) return;
    this.endLazy();
    this.lazyAsyncId = asyncId;
    const kind = classify();
    this.lazyTask = kind.task;
    // An fs/promises completion runs Node's code only (the program's continues in a later promise job):
    // no look at the stack for it, the commonest I/O callback of all.
    const placed = (kind.task === Task.io && kind.label !== IO_LABELS.FSReqPromise) || kind.task === Task.other;
    const loc = placed ? this.placeCallback() : 0;
    this.placeTries = placed && loc === 0 ? PLACE_TRIES : 0;
    this.lazyJob = this.begin(kind.task, 0, loc, kind.label);
    if (placed) this.placed();
  }

  private place(): void {
    this.placeTries--;
    const loc = this.placeCallback();
    this.placed();
    if (loc === 0) return;
    this.placeTries = 0;
    const w = this.writer;
    if (w.room(3, true)) {
      w.put(Op.JobPlace);
      w.put(this.lazyJob);
      w.put(loc);
    }
  }

  private endLazy(): void {
    this.placeTries = 0;
    if (this.lazyJob !== 0) {
      this.end(this.lazyJob);
      this.lazyJob = 0;
      this.lazyAsyncId = -1;
    }
  }

  private begin(task: number, promise: number, loc: number, label: string, job = 0): number {
    const id = job || this.nextJob++;
    const w = this.writer;
    if (w.room(8, true)) {
      w.put(Op.JobStart);
      w.put(id);
      w.put(task);
      w.put(promise);
      w.put(loc);
      w.put(label ? w.intern(label) : -1);
      putTime(w);
    }
    return id;
  }

  private end(id: number): void {
    const w = this.writer;
    const now = nowMs();
    if (w.room(4, true)) {
      w.put(Op.JobEnd);
      w.put(id);
      putTime(w, now);
    }
    w.flushIfDue(now);
  }
}

/** The task of the native callback now running, from its async resource's type. */
function classify(): { task: number; label: string } {
  try {
    const resource = executionAsyncResource() as object | undefined;
    if (!resource) return { task: Task.other, label: 'callback' };
    const proto = ObjectGetPrototypeOf(resource) as object | null;
    const ctor = proto && (ObjectGetOwnPropertyDescriptor(proto, 'constructor')?.value as unknown);
    const nameDesc = typeof ctor === 'function' ? ObjectGetOwnPropertyDescriptor(ctor, 'name') : undefined;
    const name = nameDesc !== undefined && typeof nameDesc.value === 'string' ? nameDesc.value : '';
    if (name === 'Timeout') return { task: Task.timer, label: timerLabel(resource) };
    if (name === 'Immediate') return { task: Task.immediate, label: 'immediate' };
    if (name === '' || name === 'Object') return { task: Task.other, label: 'callback' };
    return { task: Task.io, label: ioLabel(name) };
  } catch {
    return { task: Task.other, label: 'callback' };
  }
}

/**
 * A timer the program's code did not set through the wrapped globals (`timers/promises`, a promisified
 * `setTimeout`): its delay from Node's own data properties on the timer, no getter run.
 */
function timerLabel(timer: object): string {
  const delay = ObjectGetOwnPropertyDescriptor(timer, '_idleTimeout')?.value as unknown;
  if (typeof delay !== 'number' || delay < 0) return 'timer';
  const repeat = ObjectGetOwnPropertyDescriptor(timer, '_repeat')?.value as unknown;
  return `${typeof repeat === 'number' ? 'interval' : 'timer'} ${delay} ms`;
}

const IO_LABELS: Record<string, string> = {
  FSReqCallback: 'fs callback',
  FSReqPromise: 'fs promise',
  TCP: 'socket',
  TCPWrap: 'socket',
  Pipe: 'pipe',
  TTY: 'tty',
  Process: 'child process',
  Signal: 'signal',
  GetAddrInfoReqWrap: 'dns lookup',
  WriteWrap: 'stream write',
  ShutdownWrap: 'stream shutdown',
};

function ioLabel(name: string): string {
  return ObjectHasOwn(IO_LABELS, name) ? IO_LABELS[name] : name;
}
