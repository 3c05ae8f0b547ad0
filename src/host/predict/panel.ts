import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import type { PredictPuzzle } from '../../core/predict/puzzle';
import { isFromPredictPage, type PredictSnapshotMessage, type ToPredictPage } from '../../core/predict/protocol';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewPage';
import { PageChannel } from '../pageChannel';

export const PREDICT_VIEW_TYPE = 'promiseLens.predict';
const PREDICT_PAGE = { entry: 'predict', title: 'Predict the order', container: 'main' } as const;

let revisions = 0;

/**
 * One "Predict the order" webview. It holds messages back until the page says `ready` (again after
 * the page reloads, hidden and shown), and checks everything the page sends against the protocol.
 */
export class PredictPanel extends Disposable {
  private readonly channel: PageChannel<ToPredictPage, PredictSnapshotMessage>;
  private current: Extract<ToPredictPage, { type: 'puzzle' }> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly onOpenTimeline: (file: string) => void,
    onDispose: () => void,
  ) {
    super();
    this.channel = new PageChannel(panel.webview, 'predict', (id) => ({ type: 'probe', id }));
    panel.webview.options = webviewOptions(extensionUri);
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.channel.closed();
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

  /**
   * Shows a puzzle. `revision` is given only for a puzzle restored after a window reload: the page
   * finds its saved order (and reveal) under that revision; a new puzzle gets the next one.
   */
  show(puzzle: PredictPuzzle, revision?: number): void {
    this.panel.title = `Predict: ${puzzle.file.split(/[\\/]/).pop() ?? puzzle.file}`;
    revisions = Math.max(revisions, revision ?? 0);
    // A fresh seed per trace: each try starts from another shuffle; the page reshuffles on its own.
    this.current = { type: 'puzzle', puzzle, revision: revision ?? ++revisions, seed: randomInt(2 ** 31) };
    this.channel.drop('puzzle');
    this.post(this.current);
  }

  post(message: ToPredictPage): void {
    this.channel.post(message);
  }

  probe(timeoutMs = 5000): Promise<PredictSnapshotMessage> {
    return this.channel.probe(timeoutMs);
  }

  private receive(raw: unknown): void {
    if (!isFromPredictPage(raw)) return;
    switch (raw.type) {
      case 'ready':
        // A reloaded page lost its puzzle: the same revision lets it restore its order from its state.
        this.channel.opened(this.current);
        return;
      case 'snapshot':
        this.channel.answered(raw);
        return;
      case 'openTimeline':
        if (this.file) this.onOpenTimeline(this.file);
        return;
    }
  }

  override dispose(): void {
    this.channel.closed();
    super.dispose();
  }
}
