import * as vscode from 'vscode';
import { CannotTrace, NodeNotFound } from '../../core/run';
import { predictPuzzle, type PuzzleState } from '../../core/predict/puzzle';
import { savedPuzzle } from '../../core/predict/protocol';
import { summaryText } from '../../core/trace/format';
import type { Trace } from '../../core/trace/model';
import { TRACEABLE_LANGUAGES, type TraceContext } from '../tracing/traceCommand';
import { Disposable } from '../disposable';
import { guarded } from '../errors';
import { REVEAL_IN_TIMELINE } from '../timeline/timeline';
import { requireTrust } from '../trust';
import { documentName, traceDocument } from '../tracing/traceDocument';
import { PredictPanel, PREDICT_VIEW_TYPE } from './panel';
import { webviewOptions } from '../webviewPage';

export const PREDICT_ORDER = 'promiseLens.predictOrder';
/** Used by the in-editor tests: what the page shows. Not in the palette. */
export const PROBE_PREDICT = 'promiseLens.predict.probe';
/** Used by the in-editor tests: order the lines as drags would, and reveal. Not in the palette. */
export const ARRANGE_PREDICT = 'promiseLens.predict.arrange';

/** What the command returns, so tests can tell what happened. */
export interface PredictCommandResult {
  ran: boolean;
  reason?: 'untrusted' | 'no-editor' | 'unsupported' | 'cannot-trace' | 'cancelled';
  state?: PuzzleState;
  /** The lines in the order the program printed them. */
  lines?: string[];
  message?: string;
}

/**
 * "Promise Lens: Predict the Order": traces the file as "Trace promises" does, keeps the trace in the
 * store without opening the timeline (it would show the console), and asks the learner for the order.
 */
export class PredictOrder extends Disposable {
  private panel: PredictPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly context: TraceContext,
  ) {
    super();
    this._register(
      vscode.commands.registerCommand(
        PREDICT_ORDER,
        guarded('Predict the order', (uri?: vscode.Uri) => this.run(uri)),
      ),
    );
    // After a window reload VS Code hands back the page's saved state: the puzzle, and the order the
    // page finds again under the same revision.
    this._register(
      vscode.window.registerWebviewPanelSerializer(PREDICT_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => Promise.resolve(this.revive(panel, state)),
      }),
    );
    this._register(vscode.commands.registerCommand(PROBE_PREDICT, () => this.panel?.probe()));
    this._register(
      vscode.commands.registerCommand(ARRANGE_PREDICT, (order: unknown, reveal: unknown) => {
        if (!this.panel || !Array.isArray(order)) return undefined;
        this.panel.post({ type: 'arrange', order: order as number[], reveal: reveal === true });
        return this.panel.probe();
      }),
    );
  }

  private async run(uri?: vscode.Uri): Promise<PredictCommandResult> {
    const document =
      uri instanceof vscode.Uri
        ? await vscode.workspace.openTextDocument(uri)
        : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Promise Lens: open a JavaScript or TypeScript file to predict.');
      return { ran: false, reason: 'no-editor' };
    }
    if (!TRACEABLE_LANGUAGES.includes(document.languageId)) return { ran: false, reason: 'unsupported' };
    if (!requireTrust('Predict the Order')) return { ran: false, reason: 'untrusted' };

    const name = documentName(document);
    let trace: Trace;
    try {
      trace = await traceDocument(document, name, this.context);
    } catch (error) {
      if (error instanceof CannotTrace || error instanceof NodeNotFound) {
        this.context.output.appendLine(`Cannot trace ${name}: ${error.message}`);
        void vscode.window.showErrorMessage(`Promise Lens: cannot trace ${name}. ${error.message}`);
        return { ran: false, reason: 'cannot-trace', message: error.message };
      }
      throw error;
    }
    // Cancelled from the progress notification: the learner chose not to play.
    if (trace.exit.reason === 'cancelled') return { ran: false, reason: 'cancelled' };
    this.context.store.set(trace, { openTimeline: false });
    this.context.syntaxErrors?.show(trace);
    // The summary counts lines but never shows them: the console stays hidden until the reveal.
    this.context.output.appendLine(`=== ${name}: predict the order (${new Date().toLocaleTimeString()})`);
    this.context.output.appendLine(`Summary: ${summaryText(trace)}`);

    const puzzle = predictPuzzle(trace);
    const panel = this.panel ?? this.create();
    panel.show(puzzle);
    panel.panel.reveal(undefined, false);
    return { ran: true, state: puzzle.state, lines: puzzle.lines.map((l) => l.text), message: puzzle.message };
  }

  private revive(webview: vscode.WebviewPanel, state: unknown): void {
    const saved = savedPuzzle(state);
    // A state this version cannot read (or none): nothing to show, so no empty tab stays open.
    if (!saved || this.panel) {
      webview.dispose();
      return;
    }
    this.adopt(webview).show(saved.puzzle, saved.revision);
  }

  private create(): PredictPanel {
    const webview = vscode.window.createWebviewPanel(
      PREDICT_VIEW_TYPE,
      'Predict the order',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.extensionUri),
    );
    return this.adopt(webview);
  }

  private adopt(webview: vscode.WebviewPanel): PredictPanel {
    const panel = new PredictPanel(
      webview,
      this.extensionUri,
      (file) => void vscode.commands.executeCommand(REVEAL_IN_TIMELINE, { file }),
      () => {
        if (this.panel === panel) this.panel = undefined;
      },
    );
    this.panel = panel;
    return panel;
  }
}
