/**
 * The host's side of one webview page's messages: what is posted before the page says `ready` (again
 * after a hidden page reloads) waits, then goes out after what the reloaded page lost; a probe asks the
 * page what it shows and waits for its snapshot. The timeline and predict panels share it.
 */
import type * as vscode from 'vscode';

export class PageChannel<ToPage extends { type: string }, Snapshot extends { id: number }> {
  private ready = false;
  private queued: ToPage[] = [];
  private probes = new Map<number, (snapshot: Snapshot) => void>();
  private nextProbe = 1;

  constructor(
    private readonly webview: vscode.Webview,
    /** Names the page in the error of a probe that had no answer. */
    private readonly page: string,
    private readonly probeMessage: (id: number) => ToPage,
  ) {}

  post(message: ToPage): void {
    if (this.ready) void this.webview.postMessage(message);
    else this.queued.push(message);
  }

  /** Drops waiting messages of `type` (a newer one replaces them). */
  drop(type: ToPage['type']): void {
    this.queued = this.queued.filter((m) => m.type !== type);
  }

  /** The page was discarded (hidden): it says `ready` again when it has loaded anew. */
  closed(): void {
    this.ready = false;
  }

  /**
   * The page said `ready`: `restore` (what a reloaded page lost) goes first, unless a newer one of its
   * type waits, then everything that waited.
   */
  opened(restore: ToPage | undefined): void {
    this.ready = true;
    const waiting = this.queued;
    this.queued = [];
    if (restore && !waiting.some((m) => m.type === restore.type)) this.post(restore);
    for (const message of waiting) this.post(message);
  }

  probe(timeoutMs: number): Promise<Snapshot> {
    const id = this.nextProbe++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error(`the ${this.page} page did not answer`));
      }, timeoutMs);
      this.probes.set(id, (snapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      });
      this.post(this.probeMessage(id));
    });
  }

  answered(snapshot: Snapshot): void {
    this.probes.get(snapshot.id)?.(snapshot);
    this.probes.delete(snapshot.id);
  }
}
