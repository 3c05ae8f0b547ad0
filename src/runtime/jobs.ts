import * as asyncHooks from 'async_hooks';
import { nowMs, putTime } from './clock';
import { Op, Task } from './format';
import type { RecordingWriter } from './writer';

type TaskCode = (typeof Task)[keyof typeof Task];

/**
 * Which job is running. Jobs the runtime sees start and end precisely (promise jobs through the
 * promise hooks' before/after, timers, immediates, nextTick and queueMicrotask through wrapped
 * callbacks) and nest on a stack. Everything else (the main script, I/O callbacks, other native
 * callbacks) is noticed lazily: when the stack is empty and something is recorded, a change of
 * `executionAsyncId()` means a new top-level callback began, and the previous one ended.
 */
export class JobTracker {
  private nextJob = 1;
  private readonly stack: number[] = [];
  private readonly stackTask: number[] = [];
  private lazyJob = 0;
  private lazyTask: number = Task.script;
  private lazyAsyncId = -1;

  constructor(private readonly writer: RecordingWriter) {}

  /** The script job, begun when the runtime loads (the main module runs next, in the same callback). */
  startScript(): void {
    this.lazyAsyncId = asyncHooks.executionAsyncId();
    this.lazyJob = this.begin(Task.script, 0, 0, 'main script');
    this.lazyTask = Task.script;
  }

  newJobId(): number {
    return this.nextJob++;
  }

  /** The running job's id and task, noticing a new lazy job first. */
  current(): number {
    const n = this.stack.length;
    if (n > 0) return this.stack[n - 1];
    this.notice();
    return this.lazyJob;
  }

  currentTask(): number {
    const n = this.stackTask.length;
    if (n > 0) return this.stackTask[n - 1];
    this.notice();
    return this.lazyTask;
  }

  enqueue(job: number, task: TaskCode): void {
    const w = this.writer;
    if (!w.room(3, true)) return;
    w.put(Op.Enqueue);
    w.put(job);
    w.put(task);
  }

  /** A promise job starts: a microtask with no place or label, so its record is the compact `Op.PromiseJob`. */
  enterPromiseJob(promise: number): number {
    if (this.stack.length === 0) this.endLazy();
    const id = this.nextJob++;
    const w = this.writer;
    if (w.room(5, true)) {
      w.put(Op.PromiseJob);
      w.put(id);
      w.put(promise);
      putTime(w);
    }
    return this.push(id, Task.microtask);
  }

  /** A precise job starts; `job` may be an id handed out at enqueue time. */
  enter(task: TaskCode, promise: number, loc: number, label: string, job = 0): number {
    if (this.stack.length === 0) this.endLazy();
    return this.push(this.begin(task, promise, loc, label, job), task);
  }

  private push(id: number, task: number): number {
    this.stack.push(id);
    this.stackTask.push(task);
    return id;
  }

  exit(): void {
    const id = this.stack.pop();
    this.stackTask.pop();
    if (id !== undefined) this.end(id);
  }

  /** At exit: close whatever is open, innermost first. */
  closeAll(): void {
    while (this.stack.length > 0) this.exit();
    this.endLazy();
  }

  private notice(): void {
    const asyncId = asyncHooks.executionAsyncId();
    if (asyncId === this.lazyAsyncId) return;
    this.endLazy();
    this.lazyAsyncId = asyncId;
    const [task, label] = classify();
    this.lazyTask = task;
    this.lazyJob = this.begin(task, 0, 0, label);
  }

  private endLazy(): void {
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
function classify(): [number, string] {
  try {
    const resource = asyncHooks.executionAsyncResource() as object | undefined;
    if (!resource) return [Task.other, 'callback'];
    const proto = Object.getPrototypeOf(resource) as object | null;
    const ctor = proto && Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    const name = typeof ctor === 'function' && typeof ctor.name === 'string' ? ctor.name : '';
    if (name === 'Timeout') return [Task.timer, 'timer'];
    if (name === 'Immediate') return [Task.immediate, 'immediate'];
    if (name === '' || name === 'Object') return [Task.other, 'callback'];
    return [Task.io, ioLabel(name)];
  } catch {
    return [Task.other, 'callback'];
  }
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
  return IO_LABELS[name] ?? name;
}
