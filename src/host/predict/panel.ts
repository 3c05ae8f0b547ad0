import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import type { PredictPuzzle } from '../../core/predict/puzzle';
import { isFromPredictPage, type PredictSnapshotMessage, type ToPredictPage } from '../../core/predict/protocol';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewPage';

export const PREDICT_VIEW_TYPE = 'promiseLens.predict';
const PREDICT_PAGE = { entry: 'predict', title: 'Predict the order', container: 'main' } as const;

let revisions = 0;

/**
 * One "Predict the order" webview. It holds messages back until the page says `ready` (again after
 * the page reloads, hidden and shown), and checks everything the page sends against the protocol.
 */
export class PredictPanel extends Disposable {
  private ready = false;
  private queued: ToPredictPage[] = [];
  private probes = new Map<number, (snapshot: PredictSnapshotMessage) => void>();
  private nextProbe = 1;
  private current: Extract<ToPredictPage, { type: 'puzzle' }> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly onOpenTimeline: (file: string) => void,
    onDispose: () => void,
  ) {
    super();
    panel.webview.options = webviewOptions(extensionUri);
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this._register(
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
    );
    panel.webview.html = webviewHtml(panel.webview, extensionUri, PREDICT_PAGE);
  }

  get file(): string | undefined {
    return this.current?.puzzle.file;
  }

  show(puzzle: PredictPuzzle): void {
    this.panel.title = `Predict: ${puzzle.file.split(/[\\/]/).pop() ?? puzzle.file}`;
    // A fresh seed per trace: each try starts from another shuffle; the page reshuffles on its own.
    this.current = { type: 'puzzle', puzzle, revision: ++revisions, seed: randomInt(2 ** 31) };
    this.queued = this.queued.filter((m) => m.type !== 'puzzle');
    this.post(this.current);
  }

  post(message: ToPredictPage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued.push(message);
  }

  probe(timeoutMs = 5000): Promise<PredictSnapshotMessage> {
    const id = this.nextProbe++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error('the predict page did not answer'));
      }, timeoutMs);
      this.probes.set(id, (snapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      });
      this.post({ type: 'probe', id });
    });
  }

  private receive(raw: unknown): void {
    if (!isFromPredictPage(raw)) return;
    switch (raw.type) {
      case 'ready': {
        this.ready = true;
        const waiting = this.queued;
        this.queued = [];
        // A reloaded page lost its puzzle: the same revision lets it restore its order from its state.
        if (this.current && !waiting.some((m) => m.type === 'puzzle')) this.post(this.current);
        for (const message of waiting) this.post(message);
        return;
      }
      case 'snapshot':
        this.probes.get(raw.id)?.(raw);
        this.probes.delete(raw.id);
        return;
      case 'openTimeline':
        if (this.file) this.onOpenTimeline(this.file);
        return;
    }
  }

  override dispose(): void {
    this.ready = false;
    super.dispose();
  }
}
