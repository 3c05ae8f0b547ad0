import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { SourceLocation, Trace } from '../../core/trace/model';
import {
  isTraceShape,
  TIMELINE_VIEWS,
  type FromWebview,
  type SnapshotMessage,
  type TimelineView,
} from '../../core/protocol';
import { describeStepSource, locationOfTarget } from '../../core/timeline/source';
import { stepNumber } from '../../core/trace/steps';
import { Disposable } from '../disposable';
import { guarded } from '../errors';
import type { TraceRunState, TraceStore } from '../traceStore';
import { TimelinePanel, TIMELINE_VIEW_TYPE } from './panel';
import { SourceSync } from './sourceSync';
import { exportTrace, isExportFormat, pickFormat } from './exportTrace';
import { webviewOptions } from '../webviewPage';

export const REVEAL_IN_TIMELINE = 'promiseLens.revealInTimeline';
export const SHOW_TIMELINE = 'promiseLens.showTimeline';
export const EXPORT_TRACE = 'promiseLens.exportTrace';
/** Used by the in-editor tests: what the page shows and which line is highlighted. Not in the palette. */
export const PROBE_TIMELINE = 'promiseLens.timeline.probe';
/** Used by the in-editor tests: step the page as the keyboard would. Not in the palette. */
export const STEP_TIMELINE = 'promiseLens.timeline.step';
/** Used by the in-editor tests: switch the page's view as its toolbar toggle would. Not in the palette. */
export const VIEW_TIMELINE = 'promiseLens.timeline.view';
/** Used by the in-editor tests: what the page's "Trace again" button sends. Not in the palette. */
export const TRACE_AGAIN_TIMELINE = 'promiseLens.timeline.traceAgain';

/** The arguments of `promiseLens.revealInTimeline`. */
export interface RevealArgs {
  file: string;
  promise?: number;
  job?: number;
}

export interface TimelineProbe {
  /** Which panel answered; the same number means the same panel. */
  panel: number;
  file: string | undefined;
  /** A trace started by "Trace again" or a save is running. */
  tracing: boolean;
  visible: boolean;
  snapshot: SnapshotMessage;
  highlighted: { file: string; line: number; label: string } | undefined;
}

const SAVED_TRACE = 'timeline-last-trace.json';
const MAX_SAVED_BYTES = 30 * 1024 * 1024;

function isRevealArgs(v: unknown): v is RevealArgs {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  const id = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isInteger(x) && x >= 0);
  return typeof a.file === 'string' && a.file.length > 0 && id(a.promise) && id(a.job);
}

/**
 * The timeline panel beside the editor: opens when a trace finishes, follows new traces in place,
 * restores after a reload, syncs the running line with the editor, and exports.
 */
export class Timeline extends Disposable {
  private panel: TimelinePanel | undefined;
  private readonly sync = this._register(new SourceSync());
  private tracing = false;
  /** The panel opened when the current run started, until that run ends. */
  private openedForRun: TimelinePanel | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: TraceStore,
  ) {
    super();
    this._register(
      store.onDidChange((trace) => {
        if (store.opensTimeline(trace)) this.open(trace, false);
      }),
    );
    this._register(store.onDidRun((run) => this.onRun(run)));
    this._register(
      vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.revive(panel, state),
      }),
    );
    this._register(
      vscode.commands.registerCommand(
        SHOW_TIMELINE,
        guarded('Show timeline', () => this.showLatest()),
      ),
    );
    this._register(
      vscode.commands.registerCommand(
        REVEAL_IN_TIMELINE,
        guarded('Show in timeline', (args: unknown) => this.reveal(args)),
      ),
    );
    this._register(
      vscode.commands.registerCommand(
        EXPORT_TRACE,
        guarded('Export trace', (format?: unknown, out?: unknown) =>
          this.export(format, out instanceof vscode.Uri ? out : undefined),
        ),
      ),
    );
    this._register(vscode.commands.registerCommand(PROBE_TIMELINE, () => this.probe()));
    this._register(
      vscode.commands.registerCommand(STEP_TIMELINE, (step: unknown) => {
        if (this.panel && typeof step === 'number' && Number.isInteger(step) && step >= 0)
          this.panel.post({ type: 'step', step });
      }),
    );
    this._register(
      vscode.commands.registerCommand(VIEW_TIMELINE, (view: unknown) => {
        if (this.panel && (TIMELINE_VIEWS as readonly unknown[]).includes(view))
          this.panel.post({ type: 'view', view: view as TimelineView });
      }),
    );
    this._register(
      vscode.commands.registerCommand(TRACE_AGAIN_TIMELINE, () =>
        this.panel ? this.onMessage(this.panel, { type: 'traceAgain' }) : undefined,
      ),
    );
    this._register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        const onSave = vscode.workspace
          .getConfiguration('promiseLens', document.uri)
          .get<boolean>('timeline.traceOnSave', false);
        if (onSave && vscode.workspace.isTrusted && this.panel?.file === document.uri.fsPath) void this.traceAgain();
      }),
    );
  }

  // ---- opening ----

  private create(): TimelinePanel {
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      'Promise Lens timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.context.extensionUri),
    );
    return this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): TimelinePanel {
    this.panel?.panel.dispose();
    const timeline = new TimelinePanel(panel, this.context.extensionUri, {
      onMessage: (p, message) => this.onMessage(p, message),
      onDispose: (p) => {
        if (this.panel === p) this.panel = undefined;
        void this.sync.highlight(undefined, '');
      },
    });
    this.panel = timeline;
    return timeline;
  }

  /** Shows a trace: in the open panel (in place), or in a new one beside the editor. */
  open(trace: Trace, focus: boolean): TimelinePanel {
    const panel = this.panel ?? this.create();
    panel.show(trace);
    if (!panel.panel.visible || focus) panel.panel.reveal(undefined, !focus);
    void vscode.commands.executeCommand('setContext', 'promiseLens.hasTrace', true);
    void this.save(trace);
    return panel;
  }

  /**
   * A run for the timeline started: the panel opens (or says so) now, so its page has loaded by the time the
   * trace arrives. A panel opened for a run that ended without a trace closes again; the error says why.
   */
  private onRun(run: TraceRunState): void {
    if (run.running) {
      const opened = this.panel === undefined;
      const panel = this.panel ?? this.create();
      if (opened) {
        panel.follow(run.file);
        this.openedForRun = panel;
      }
      // Over a trace it shows, the toolbar's button says it is tracing; an empty panel says what.
      panel.post({
        type: 'status',
        running: true,
        ...(panel.trace ? {} : { message: `Tracing ${basename(run.file)}…` }),
      });
      return;
    }
    const panel = this.panel;
    if (!panel) return;
    if (panel === this.openedForRun && panel.trace === undefined) panel.panel.dispose();
    else panel.post({ type: 'status', running: false });
    this.openedForRun = undefined;
  }

  private async showLatest(): Promise<void> {
    const file = vscode.window.activeTextEditor?.document.uri.fsPath;
    const trace = (file && this.store.findTouching(file)) || this.panel?.trace || (await this.loadSaved());
    if (!trace) {
      void vscode.window.showInformationMessage('Promise Lens: no trace yet. Run "Trace promises" on a file first.');
      return;
    }
    this.open(trace, true);
  }

  private async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.context.extensionUri);
    const timeline = this.adopt(panel);
    const file = typeof state === 'object' && state !== null ? (state as { file?: unknown }).file : undefined;
    const wanted = typeof file === 'string' ? file : undefined;
    timeline.file = wanted;
    const trace = (wanted && this.store.get(wanted)) || (await this.loadSaved());
    if (trace && (!wanted || trace.file === wanted)) timeline.show(trace);
    else
      timeline.post({
        type: 'status',
        running: false,
        message: 'The trace was not kept after the reload: Trace again.',
      });
  }

  // ---- commands ----

  /** `promiseLens.revealInTimeline`: select a promise or job of a file's trace; false when there is none. */
  async reveal(args: unknown): Promise<boolean> {
    if (!isRevealArgs(args)) return false;
    const trace =
      this.store.get(args.file) ??
      this.store.findTouching(args.file) ??
      (this.panel?.trace?.file === args.file ? this.panel.trace : undefined);
    if (!trace) {
      void vscode.window.showInformationMessage(
        'Promise Lens: this file has no trace yet. Run "Trace promises" first.',
      );
      return false;
    }
    const panel = this.panel?.trace === trace ? this.panel : this.open(trace, false);
    panel.panel.reveal(undefined, true);
    panel.post({ type: 'select', promise: args.promise, job: args.job });
    return true;
  }

  private async export(format: unknown, out?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const trace = this.panel?.trace ?? (await this.loadSaved());
    if (!trace) {
      void vscode.window.showInformationMessage('Promise Lens: nothing to export yet. Run "Trace promises" first.');
      return undefined;
    }
    const chosen = isExportFormat(format) ? format : await pickFormat();
    if (!chosen) return undefined;
    const written = await exportTrace(trace, chosen, this.context.extensionUri, out);
    if (written && !out)
      void vscode.window.showInformationMessage(`Promise Lens: exported ${vscode.workspace.asRelativePath(written)}.`);
    return written;
  }

  private async probe(): Promise<TimelineProbe | undefined> {
    const panel = this.panel;
    if (!panel) return undefined;
    const tracing = this.tracing;
    const snapshot = await panel.probe();
    return {
      panel: panel.id,
      file: panel.file,
      tracing,
      visible: panel.panel.visible,
      snapshot,
      highlighted: this.sync.current,
    };
  }

  private async traceAgain(): Promise<void> {
    const panel = this.panel;
    const file = panel?.file;
    if (!panel || !file || this.tracing) return;
    this.tracing = true;
    panel.post({ type: 'status', running: true, message: 'Tracing…' });
    try {
      await vscode.commands.executeCommand('promiseLens.trace', vscode.Uri.file(file));
    } finally {
      this.tracing = false;
      panel.post({ type: 'status', running: false });
    }
  }

  // ---- messages from the page ----

  private async onMessage(
    panel: TimelinePanel,
    message: Exclude<FromWebview, { type: 'ready' | 'snapshot' }>,
  ): Promise<void> {
    const trace = panel.trace;
    switch (message.type) {
      case 'stepped': {
        if (!trace || panel !== this.panel) return;
        this.store.internalsShown = message.internals;
        const location = message.source ? locationOfTarget(trace, message.source) : null;
        if (!location || !message.why) {
          await this.sync.highlight(undefined, '');
          return;
        }
        const job = message.job === null ? undefined : trace.jobs.find((j) => j.id === message.job);
        await this.sync.highlight(
          location,
          `step ${stepNumber(message.shown)}: ${describeStepSource(message.why, job)}`,
        );
        return;
      }
      case 'reveal': {
        if (!trace) return;
        let location: SourceLocation | null | undefined;
        if (message.target === 'job') {
          const job = trace.jobs.find((j) => j.id === message.id);
          // A reaction job without a callback location shows where its `.then` / `await` was written.
          const registered =
            job?.promise == null ? undefined : trace.promises.find((p) => p.id === job.promise)?.location;
          location = job?.location ?? registered;
        } else if (message.target === 'handler') {
          location = trace.promises.find((p) => p.id === message.id)?.reactions[message.reaction ?? -1]?.handler;
        } else location = trace.promises.find((p) => p.id === message.id)?.location;
        if (location) await this.sync.reveal(location);
        else void vscode.window.setStatusBarMessage('Promise Lens: no source location for that (Node internals)', 3000);
        return;
      }
      case 'traceAgain':
        await this.traceAgain();
        return;
      case 'export':
        await this.export(message.format);
        return;
    }
  }

  // ---- keeping the last trace for a window reload ----

  private savedUri(): vscode.Uri | undefined {
    const dir = this.context.storageUri ?? this.context.globalStorageUri;
    return dir ? vscode.Uri.joinPath(dir, SAVED_TRACE) : undefined;
  }

  private async save(trace: Trace): Promise<void> {
    const uri = this.savedUri();
    if (!uri) return;
    try {
      const text = JSON.stringify(trace);
      if (text.length > MAX_SAVED_BYTES) return;
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    } catch {
      // Restoring after a reload is a convenience; a failed write only means tracing again.
    }
  }

  private async loadSaved(): Promise<Trace | undefined> {
    const uri = this.savedUri();
    if (!uri) return undefined;
    try {
      const data = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as unknown;
      return isTraceShape(data) ? data : undefined;
    } catch {
      return undefined;
    }
  }
}
