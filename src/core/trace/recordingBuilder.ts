import type {
  ConsoleStream,
  ExitReason,
  PromiseKind,
  PromiseState,
  Reaction,
  SourceLocation,
  TaskKind,
  Trace,
  TraceEvent,
  TraceExit,
  TraceJob,
  TracePromise,
  ValuePreview,
} from './model';
import { TRACE_VERSION } from './model';
import { INTERNAL_TASK, KINDS, Op, OP_FIELDS, PromiseFlag, TASKS, TIME_SPLIT } from '../../wire/recording';
import { RecordingError, type ChunkReader } from './recordingChunks';
import { decodePreview } from './recordingPreview';
import { describeJob } from './jobLabels';
import { fillEnqueuedAt } from './recordingQueues';
import { OutsideOutput, outsideLines } from './outsideOutput';
import { classifyJobs } from './userJobs';
import { IdMap } from './idMap';
import type { RunInfo } from './recording';

/**
 * Turns the recording's records, in the order the runtime wrote them, into the promises, jobs and
 * events of a `Trace`; then merges what the parent process knows (`RunInfo`). The framing around the
 * records is `recordingChunks.ts`'s.
 */

/** The reaction list a derived promise's handlers sit in, by its kind (see Op.Promise). */
const REACTION_ON: Partial<Record<PromiseKind, 'fulfil' | 'reject' | 'both'>> = {
  then: 'fulfil',
  catch: 'reject',
  finally: 'both',
  await: 'both',
};
const TASK_MICROTASK = TASKS.indexOf('microtask');
/**
 * The list every promise starts with for its inputs and reactions, shared: most promises keep an empty
 * one of either (a million empty lists are 64 MB). Frozen, so a list is replaced, never pushed onto.
 */
const NONE = Object.freeze([]) as never[];
const PROMISE_JOB = 'promise job';

/** Reasons the parent alone can know; they win over what the recording says. */
const PARENT_REASONS: ReadonlySet<ExitReason> = new Set([
  'timeout',
  'cancelled',
  'heap-limit',
  'output-limit',
  'signal',
  'spawn-failed',
]);

export class TraceBuilder implements ChunkReader {
  private readonly strings: string[] = [];
  private readonly previews = new Map<number, ValuePreview | null>();
  private readonly locations = new Map<number, SourceLocation>();
  private readonly promises = new IdMap<TracePromise>();
  /** For Node's own promises: the program's call that led into Node's code, by promise id. */
  private readonly reach = new IdMap<number>();
  private readonly jobs = new IdMap<TraceJob>();
  private readonly settleEvents = new IdMap<TraceEvent & { type: 'settle' }>();
  private readonly enqueued = new IdMap<number>();
  private readonly open: TraceJob[] = [];
  private readonly events: TraceEvent[] = [];
  private seq = 0;
  private readonly outside: Record<ConsoleStream, OutsideOutput> | undefined;
  private lastTime = 0;
  private exitCode: number | null = null;
  private viaExit = false;
  private crash: string | null = null;
  private truncated = false;

  constructor(output: RunInfo['output']) {
    this.outside = output && {
      stdout: new OutsideOutput(output.stdout, !output.cut?.includes('stdout')),
      stderr: new OutsideOutput(output.stderr, !output.cut?.includes('stderr')),
    };
  }

  addStrings(list: string[]): void {
    for (const s of list) this.strings.push(s);
  }

  addEvents(words: Int32Array, at: number): void {
    let i = 0;
    while (i < words.length) {
      const op = words[i];
      const n = OP_FIELDS[op];
      if (n === undefined || i + 1 + n > words.length) {
        throw new RecordingError(`damaged recording: bad record ${op} at byte ${at + 5 + i * 4}`);
      }
      this.record(op, words, i + 1);
      i += 1 + n;
    }
  }

  private str(index: number): string {
    if (index < 0) return '';
    const s = this.strings[index];
    if (s === undefined) throw new RecordingError(`damaged recording: missing string ${index}`);
    return s;
  }

  /**
   * The runtime writes a short preview once and refers to it again (`undefined`, `42`, 'ok'): each is
   * decoded once and shared, frozen, by the promises that settled with it (a trace holds a million).
   * A preview with a tree is decoded each time.
   */
  private preview(index: number): ValuePreview | null {
    const known = this.previews.get(index);
    if (known !== undefined) return known;
    const preview = decodePreview(this.str(index));
    if (!preview?.tree) this.previews.set(index, preview && Object.freeze(preview));
    return preview;
  }

  private loc(id: number): SourceLocation | null {
    return id > 0 ? (this.locations.get(id) ?? null) : null;
  }

  private time(hi: number, lo: number): number {
    const t = hi * TIME_SPLIT + lo;
    this.lastTime = Math.max(this.lastTime, t);
    return t;
  }

  /**
   * A promise of Node's that the program reacts to (awaits, chains on, hands to a combinator) is the
   * program's to see, though Node's code made it deep inside a call (`fetch(url)`, `response.text()`):
   * the runtime places as the program's only what Node hands back from a direct call. It is placed at
   * the program's call that led to it, else where the program first reacted to it. So is one Node
   * reported as the program's unhandled rejection, at that call. Done at the end,
   * when every wrapper has lost the parent V8 gave it (see Op.Wrapper).
   */
  private adoptHeld(): void {
    // Collected first, so that a promise adopted here does not pass it on to its own parent; only
    // Node's promises are collected (most promises have a parent of the program's, which stays as it is).
    const held: [TracePromise, SourceLocation | null][] = [];
    for (const promise of this.promises.list()) {
      if (promise.internal) {
        if (promise.unhandled) held.push([promise, null]);
        continue;
      }
      const parent = promise.parent !== null ? this.promises.get(promise.parent) : undefined;
      if (parent?.internal) held.push([parent, promise.location]);
      for (const input of promise.inputs) {
        const reacted = this.promises.get(input);
        if (reacted?.internal) held.push([reacted, promise.location]);
      }
    }
    for (const [promise, reactedAt] of held) {
      // Adopted already, where the program reacted to it first.
      if (!promise.internal) continue;
      promise.internal = false;
      promise.kind = 'node';
      promise.location = this.loc(this.reach.get(promise.id) ?? 0) ?? reactedAt;
    }
  }

  private current(): TraceJob | null {
    return this.open.length > 0 ? this.open[this.open.length - 1] : null;
  }

  private record(op: number, w: Int32Array, f: number): void {
    switch (op) {
      case Op.Location:
        this.locations.set(w[f], { file: this.str(w[f + 1]), line: w[f + 2], column: w[f + 3] });
        return;
      case Op.Promise: {
        const id = w[f];
        const internal = (w[f + 4] & PromiseFlag.internal) !== 0;
        if (internal && w[f + 3] > 0) this.reach.set(id, w[f + 3]);
        const promise: TracePromise = {
          id,
          kind: (KINDS[w[f + 2]] ?? 'unknown') as PromiseKind,
          parent: w[f + 1] > 0 ? w[f + 1] : null,
          inputs: NONE,
          location: internal ? null : this.loc(w[f + 3]),
          state: 'pending',
          value: null,
          createdAt: this.seq,
          settledAt: null,
          settledIn: null,
          reactions: NONE,
          internal,
        };
        this.promises.set(id, promise);
        this.events.push({ seq: this.seq++, type: 'promise', promise: id });
        const parent = promise.parent !== null ? this.promises.get(promise.parent) : undefined;
        if (parent) {
          const reaction: Reaction = { on: REACTION_ON[promise.kind] ?? 'fulfil', handler: null, child: id };
          // Most promises get one reaction: a list made with it holds one slot, where a push onto the
          // empty list would reserve seventeen (a million promises: over 100 MB).
          if (parent.reactions.length === 0) parent.reactions = [reaction];
          else parent.reactions.push(reaction);
        }
        return;
      }
      case Op.Settle: {
        const promise = this.promises.get(w[f]);
        if (!promise) return;
        promise.settledAt = this.seq;
        promise.settledIn = this.current()?.id ?? null;
        promise.state = 'fulfilled';
        const event = {
          seq: this.seq++,
          type: 'settle' as const,
          promise: promise.id,
          state: 'fulfilled' as Exclude<PromiseState, 'pending'>,
        };
        this.settleEvents.set(promise.id, event);
        this.events.push(event);
        return;
      }
      case Op.Value:
      case Op.Integer: {
        const promise = this.promises.get(w[f]);
        if (!promise) return;
        const state = w[f + 1] === 2 ? 'rejected' : 'fulfilled';
        promise.state = state;
        if (op === Op.Integer) promise.value = { type: 'number', text: String(w[f + 2]) };
        else promise.value = w[f + 2] >= 0 ? this.preview(w[f + 2]) : null;
        const event = this.settleEvents.get(promise.id);
        if (event) {
          event.state = state;
          this.settleEvents.delete(promise.id);
        }
        return;
      }
      case Op.Enqueue:
        this.enqueued.set(w[f], this.seq);
        this.events.push({
          seq: this.seq++,
          type: 'enqueue',
          job: w[f],
          task: taskOf(w[f + 1]),
          ...((w[f + 1] & INTERNAL_TASK) !== 0 && { internal: true as const }),
        });
        return;
      case Op.JobStart:
        this.startJob(w[f], w[f + 1], w[f + 2], this.loc(w[f + 3]), this.str(w[f + 4]), this.time(w[f + 5], w[f + 6]));
        return;
      case Op.PromiseJob:
        this.startJob(w[f], TASK_MICROTASK, w[f + 1], null, PROMISE_JOB, this.time(w[f + 2], w[f + 3]));
        return;
      case Op.JobEnd: {
        const job = this.jobs.get(w[f]);
        if (!job) return;
        job.endedAt = this.seq;
        const at = this.open.lastIndexOf(job);
        if (at >= 0) this.open.splice(at, 1);
        this.events.push({ seq: this.seq++, type: 'job-end', job: job.id, time: this.time(w[f + 1], w[f + 2]) });
        return;
      }
      case Op.Console: {
        const job = this.current();
        const stream = w[f] === 2 ? 'stderr' : 'stdout';
        const text = this.str(w[f + 1]);
        const time = this.time(w[f + 3], w[f + 4]);
        this.addOutside(stream, this.outside?.[stream].before(text, w[f + 2]) ?? '', time);
        this.events.push({
          seq: this.seq++,
          type: 'console',
          stream,
          text,
          task: job?.task ?? 'other',
          job: job?.id ?? null,
          time,
        });
        return;
      }
      case Op.ConsoleAt: {
        const last = this.events[this.events.length - 1];
        const location = this.locations.get(w[f]);
        if (last?.type === 'console' && location) last.location = location;
        return;
      }
      case Op.JobPlace: {
        const job = this.jobs.get(w[f]);
        if (job && job.location === null) job.location = this.loc(w[f + 1]);
        return;
      }
      case Op.Input: {
        const combinator = this.promises.get(w[f]);
        if (!combinator) return;
        if (combinator.inputs.length === 0) combinator.inputs = [w[f + 1]];
        else combinator.inputs.push(w[f + 1]);
        return;
      }
      case Op.Wrapper: {
        const wrapper = this.promises.get(w[f]);
        if (!wrapper || wrapper.parent === null) return;
        const former = this.promises.get(wrapper.parent);
        if (former) former.reactions = former.reactions.filter((r) => r.child !== wrapper.id);
        wrapper.parent = null;
        return;
      }
      case Op.Unhandled: {
        const promise = this.promises.get(w[f]);
        if (!promise || promise.unhandled) return;
        promise.unhandled = true;
        this.events.push({ seq: this.seq++, type: 'unhandled', promise: promise.id });
        return;
      }
      case Op.Exit:
        this.exitCode = w[f];
        this.viaExit = w[f + 1] === 1;
        return;
      case Op.Crash:
        this.crash = this.str(w[f]);
        return;
      case Op.Truncated:
        this.truncated = true;
        return;
    }
  }

  private startJob(
    id: number,
    taskWord: number,
    promise: number,
    location: SourceLocation | null,
    label: string,
    time: number,
  ): void {
    const task = taskOf(taskWord);
    const job: TraceJob = {
      id,
      task,
      enqueuedAt: this.enqueued.get(id) ?? null,
      startedAt: this.seq,
      endedAt: null,
      promise: promise > 0 ? promise : null,
      location,
      label,
    };
    if ((taskWord & INTERNAL_TASK) !== 0) job.internal = true;
    this.jobs.set(id, job);
    this.open.push(job);
    this.events.push({ seq: this.seq++, type: 'job-start', job: id, task, time });
  }

  private addOutside(stream: ConsoleStream, text: string, time: number): void {
    for (const line of outsideLines(text)) {
      this.events.push({
        seq: this.seq++,
        type: 'console',
        stream,
        text: line,
        task: 'other',
        job: null,
        time,
        outside: true,
      });
    }
  }

  finish(run: RunInfo): Trace {
    // Past the event cap the program's own writes went unrecorded too: none of the rest is known outside.
    if (this.outside && !this.truncated) {
      this.addOutside('stdout', this.outside.stdout.rest(), this.lastTime);
      this.addOutside('stderr', this.outside.stderr.rest(), this.lastTime);
    }
    this.adoptHeld();
    const promises = sortedBy(this.promises.list(), (p) => p.id);
    const jobs = sortedBy(this.jobs.list(), (j) => j.startedAt);
    const reacted = new IdMap<true>();
    for (const job of jobs) describeJob(job, this.promises, reacted);
    fillEnqueuedAt(jobs, this.promises);
    classifyJobs(jobs, this.events, this.promises);
    return {
      version: TRACE_VERSION,
      file: run.file,
      node: run.node,
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      promises,
      jobs,
      events: this.events,
      exit: this.exit(run.exit),
      truncated: this.truncated,
    };
  }

  private exit(parent: TraceExit): TraceExit {
    if (PARENT_REASONS.has(parent.reason)) return parent;
    const base = { code: parent.code ?? this.exitCode, signal: parent.signal };
    if (this.crash !== null) return { ...base, reason: 'crashed', message: this.crash };
    if (this.viaExit) return { ...base, reason: 'exit', message: `process.exit(${this.exitCode ?? ''})` };
    if (this.truncated)
      return { ...base, reason: 'event-limit', message: 'recording stopped at the event cap; the program ran on' };
    if (parent.reason !== 'completed') return parent;
    return { ...base, reason: 'completed' };
  }
}

/** Records come in order, so the lists mostly are already: a look is cheaper than a sort. */
function sortedBy<T>(list: T[], key: (item: T) => number): T[] {
  for (let i = 1; i < list.length; i++)
    if (key(list[i - 1]) > key(list[i])) return list.sort((a, b) => key(a) - key(b));
  return list;
}

function taskOf(word: number): TaskKind {
  return (TASKS[word & 0xff] ?? 'other') as TaskKind;
}
