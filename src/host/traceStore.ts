import * as vscode from 'vscode';
import type { Trace } from '../core/trace/model';
import { Disposable } from './disposable';

/** A run for the timeline that started or ended; `file` is the absolute path of what runs. */
export interface TraceRunState {
  file: string;
  running: boolean;
}

/**
 * The latest trace of each traced file. The trace command puts traces in; the timeline panel, the
 * hover and the end-of-line decorations read them and follow `onDidChange`.
 */
export class TraceStore extends Disposable {
  private readonly traces = new Map<string, Trace>();
  private readonly changed = this._register(new vscode.EventEmitter<Trace>());
  private readonly cleared = this._register(new vscode.EventEmitter<string>());

  /** Fires with the new trace after each run. */
  readonly onDidChange = this.changed.event;
  /** Fires with the file whose trace was cleared. */
  readonly onDidClear = this.cleared.event;
  private readonly runsChanged = this._register(new vscode.EventEmitter<TraceRunState>());
  /**
   * Fires when a run whose trace opens the timeline starts and when it ends (after `set`, if it made a
   * trace), so the panel can load while the program runs.
   */
  readonly onDidRun = this.runsChanged.event;

  /**
   * Whether the timeline counts Node's internal events as steps now ("Node internals" ticked), so that
   * every step number the editor shows is the one the panel shows.
   */
  internalsShown = false;

  /** Traces put in without opening the timeline: "Predict the Order" keeps the console hidden. */
  private readonly unannounced = new WeakSet<Trace>();

  set(trace: Trace, options: { openTimeline?: boolean } = {}): void {
    if (options.openTimeline === false) this.unannounced.add(trace);
    this.traces.set(trace.file, trace);
    this.changed.fire(trace);
  }

  /** Says that a run of `file` for the timeline started (`running`) or ended. */
  running(file: string, running: boolean): void {
    this.runsChanged.fire({ file, running });
  }

  /** Whether the timeline should open on this trace as it arrives. */
  opensTimeline(trace: Trace): boolean {
    return !this.unannounced.has(trace);
  }

  /** The latest trace whose entry file is `file` (an absolute path). */
  get(file: string): Trace | undefined {
    return this.traces.get(file);
  }

  /** The latest trace in which `file` created any promise or ran any job, e.g. a module it imported. */
  findTouching(file: string): Trace | undefined {
    const own = this.traces.get(file);
    if (own) return own;
    for (const trace of this.traces.values()) {
      if (trace.promises.some((p) => p.location?.file === file)) return trace;
    }
    return undefined;
  }

  clear(file?: string): void {
    const files = file === undefined ? [...this.traces.keys()] : [file];
    for (const f of files) if (this.traces.delete(f)) this.cleared.fire(f);
  }
}
