import * as vscode from 'vscode';
import type { Trace } from '../../core/trace/model';
import { isFromWebview, type FromWebview, type SnapshotMessage, type ToWebview } from '../../core/protocol';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewPage';

export const TIMELINE_VIEW_TYPE = 'promiseLens.timeline';
const TIMELINE_PAGE = { entry: 'timeline', title: 'Promise Lens timeline', container: 'div' } as const;

let panels = 0;

/** What the panel asks of the rest of the extension. */
export interface PanelHandlers {
  onMessage(panel: TimelinePanel, message: Exclude<FromWebview, { type: 'ready' | 'snapshot' }>): void | Promise<void>;
  onDispose(panel: TimelinePanel): void;
}

/**
 * One timeline webview. It holds back every message until the page says `ready`, then sends the latest
 * trace and selection; everything the page sends is checked against the protocol first.
 */
export class TimelinePanel extends Disposable {
  private ready = false;
  private queued: ToWebview[] = [];
  private revision = 0;
  private probes = new Map<number, (snapshot: SnapshotMessage) => void>();
  private nextProbe = 1;
  /** Tells panels apart, so a test can see that a new trace reused this one. */
  readonly id = ++panels;
  trace: Trace | undefined;
  /** The file this panel follows; kept across reloads by the serializer. */
  file: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly handlers: PanelHandlers,
  ) {
    super();
    panel.webview.options = webviewOptions(extensionUri);
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(
      panel.onDidDispose(() => {
        this.handlers.onDispose(this);
        this.dispose();
      }),
    );
    this._register(
      panel.onDidChangeViewState(() => {
        // Hidden, the page is discarded; shown again, it loads anew and says `ready` when it listens.
        if (!panel.visible) this.ready = false;
      }),
    );
    // A page that reloads (hidden and shown again without retained context) says `ready` again.
    panel.webview.html = webviewHtml(panel.webview, extensionUri, TIMELINE_PAGE);
  }

  show(trace: Trace): void {
    this.trace = trace;
    this.file = trace.file;
    this.panel.title = `Timeline: ${trace.file.split(/[\\/]/).pop() ?? trace.file}`;
    this.revision++;
    this.queued = this.queued.filter((m) => m.type !== 'trace');
    this.post({ type: 'trace', trace, revision: this.revision });
  }

  post(message: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued.push(message);
  }

  /** Asks the page what it shows. */
  probe(timeoutMs = 5000): Promise<SnapshotMessage> {
    const id = this.nextProbe++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error('the timeline page did not answer'));
      }, timeoutMs);
      this.probes.set(id, (snapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      });
      this.post({ type: 'probe', id });
    });
  }

  private receive(raw: unknown): void {
    if (!isFromWebview(raw)) return;
    if (raw.type === 'ready') {
      this.ready = true;
      // A reloaded page lost its trace: send the current one first, then whatever waited.
      const waiting = this.queued;
      this.queued = [];
      if (this.trace && !waiting.some((m) => m.type === 'trace'))
        this.post({ type: 'trace', trace: this.trace, revision: this.revision });
      for (const message of waiting) this.post(message);
      return;
    }
    if (raw.type === 'snapshot') {
      this.probes.get(raw.id)?.(raw);
      this.probes.delete(raw.id);
      return;
    }
    void this.handlers.onMessage(this, raw);
  }

  override dispose(): void {
    this.ready = false;
    super.dispose();
  }
}
