import * as vscode from 'vscode';
import { encodeNative } from '../../core/trace/format/native';
import type { Trace } from '../../core/trace/model';
import { isFromWebview, type FromWebview, type SnapshotMessage, type ToWebview } from '../../core/protocol';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewPage';
import { PageChannel } from '../pageChannel';

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
  private readonly channel: PageChannel<ToWebview, SnapshotMessage>;
  private revision = 0;
  /** Tells panels apart, so a test can see that a new trace reused this one. */
  readonly id = ++panels;
  trace: Trace | undefined;
  /** The trace as the page receives it, encoded once per trace. */
  private native: Uint8Array | undefined;
  /** The file this panel follows; kept across reloads by the serializer. */
  file: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly handlers: PanelHandlers,
  ) {
    super();
    this.channel = new PageChannel(panel.webview, 'timeline', (id) => ({ type: 'probe', id }));
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
        if (!panel.visible) this.channel.closed();
      }),
    );
    // A page that reloads (hidden and shown again without retained context) says `ready` again.
    panel.webview.html = webviewHtml(panel.webview, extensionUri, TIMELINE_PAGE);
  }

  /** Names the file this panel follows, in its title too (before its trace arrives, while it runs). */
  follow(file: string): void {
    this.file = file;
    this.panel.title = `Timeline: ${file.split(/[\\/]/).pop() ?? file}`;
  }

  show(trace: Trace): void {
    this.trace = trace;
    this.follow(trace.file);
    this.revision++;
    this.native = encodeNative(trace);
    this.channel.drop('trace');
    this.post({ type: 'trace', native: this.native, revision: this.revision });
  }

  post(message: ToWebview): void {
    this.channel.post(message);
  }

  /** Asks the page what it shows. */
  probe(timeoutMs = 5000): Promise<SnapshotMessage> {
    return this.channel.probe(timeoutMs);
  }

  private receive(raw: unknown): void {
    if (!isFromWebview(raw)) return;
    if (raw.type === 'ready') {
      // A reloaded page lost its trace: the current one goes first, then whatever waited.
      this.channel.opened(
        this.native === undefined ? undefined : { type: 'trace', native: this.native, revision: this.revision },
      );
      return;
    }
    if (raw.type === 'snapshot') {
      this.channel.answered(raw);
      return;
    }
    void this.handlers.onMessage(this, raw);
  }

  override dispose(): void {
    this.channel.closed();
    super.dispose();
  }
}
