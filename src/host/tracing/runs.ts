import type * as vscode from 'vscode';
import { removeUntitledFiles } from './untitledFiles';

/**
 * The traces running now. Disposing (deactivate, window reload) aborts them all, and aborting kills
 * each program's process tree synchronously, so nothing is left running.
 */
export class TraceRuns implements vscode.Disposable {
  private readonly running = new Set<AbortController>();

  /** A controller for one run; `done` forgets it. */
  start(): { signal: AbortSignal; abort: () => void; done: () => void } {
    const controller = new AbortController();
    this.running.add(controller);
    return {
      signal: controller.signal,
      abort: () => controller.abort(),
      done: () => this.running.delete(controller),
    };
  }

  get size(): number {
    return this.running.size;
  }

  dispose(): void {
    for (const controller of this.running) controller.abort();
    this.running.clear();
    // The untitled editors' text written to run them goes with the runs.
    removeUntitledFiles();
  }
}
