/**
 * Small traces for the hover's unit tests, with locations where V8 reports them for real source: the
 * `new` of `new Promise`, the method name of `.then` / `Promise.all`, the `(` of an async function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../shared/paths';
import type {
  PromiseKind,
  PromiseState,
  Reaction,
  SourceLocation,
  TaskKind,
  Trace,
  TracePromise,
  ValuePreview,
} from '../../../../src/core/trace/model';

/** An example program of the repository, as text. */
export function example(name: string): string {
  return readFileSync(join(repoRoot, 'examples', name), 'utf8');
}

export interface PromiseOptions {
  state?: PromiseState;
  value?: ValuePreview | string | null;
  parent?: number | null;
  inputs?: number[];
  reactions?: Reaction[];
  /** The job it settled in (a `job()` id). */
  settledIn?: number;
  internal?: boolean;
}

export class HoverTraceBuilder {
  readonly trace: Trace;
  private seq = 0;
  private readonly lines: string[];

  constructor(
    readonly file: string,
    source: string,
  ) {
    this.lines = source.split('\n');
    this.trace = {
      version: 1,
      file,
      node: 'v20.20.2',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 3,
      promises: [],
      jobs: [],
      events: [],
      exit: { code: 0, signal: null, reason: 'completed' },
      truncated: false,
    };
  }

  /** Where the `nth` occurrence of `needle` is on 1-based `line`. */
  at(line: number, needle: string, nth = 0): SourceLocation {
    const text = this.lines[line - 1];
    if (text === undefined) throw new Error(`no line ${line}`);
    let column = -1;
    for (let i = 0; i <= nth; i++) {
      column = text.indexOf(needle, column + 1);
      if (column < 0) throw new Error(`no ${needle} #${nth} on line ${line}: ${text}`);
    }
    return { file: this.file, line, column: column + 1 };
  }

  /** 0-based offset in the source of the `nth` occurrence of `needle` on 1-based `line`, plus `delta`. */
  offset(line: number, needle: string, nth = 0, delta = 0): number {
    const loc = this.at(line, needle, nth);
    let offset = 0;
    for (let i = 0; i < line - 1; i++) offset += this.lines[i].length + 1;
    return offset + loc.column - 1 + delta;
  }

  job(task: TaskKind, label: string): number {
    const id = this.trace.jobs.length;
    const seq = this.seq++;
    this.trace.jobs.push({
      id,
      task,
      enqueuedAt: null,
      startedAt: seq,
      endedAt: seq,
      promise: null,
      location: null,
      label,
    });
    this.trace.events.push({ seq, type: 'job-start', job: id, task });
    return id;
  }

  promise(kind: PromiseKind, location: SourceLocation | null, options: PromiseOptions = {}): TracePromise {
    const id = this.trace.promises.length;
    const createdAt = this.seq++;
    this.trace.events.push({ seq: createdAt, type: 'promise', promise: id });
    const state = options.state ?? 'fulfilled';
    let settledAt: number | null = null;
    if (state !== 'pending') {
      settledAt = this.seq++;
      this.trace.events.push({ seq: settledAt, type: 'settle', promise: id, state });
    }
    const value =
      options.value === undefined
        ? state === 'pending'
          ? null
          : { type: 'undefined' as const, text: 'undefined' }
        : options.value;
    const promise: TracePromise = {
      id,
      kind,
      parent: options.parent ?? null,
      inputs: options.inputs ?? [],
      location,
      state,
      value: typeof value === 'string' ? preview(value) : value,
      createdAt,
      settledAt,
      settledIn: state === 'pending' ? null : (options.settledIn ?? null),
      reactions: options.reactions ?? [],
      internal: options.internal ?? false,
    };
    this.trace.promises.push(promise);
    return promise;
  }
}

/** A preview the way the runtime writes one: errors as `Name: message`, numbers as digits. */
export function preview(text: string): ValuePreview {
  if (/^[A-Z]\w*Error: /.test(text)) return { type: 'error', text };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { type: 'number', text };
  return { type: 'string', text };
}
