import * as vscode from 'vscode';
import {
  analyze,
  analyzeEdits,
  scriptKindOf,
  type Analysis,
  type Finding,
  type TextChange,
} from '../../core/callbackHell';
import { Disposable } from '../disposable';
import { LANGUAGES, readSettings } from './settings';

/** Waits this long after the last keystroke before analysing again. */
const TYPING_DELAY_MS = 300;

/** The callback-hell diagnostics: live, debounced, cached per document version. Nothing runs user code. */
export class CallbackHellDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('promiseLens.callbackHell'));
  private readonly cache = new Map<string, { version: number; maxDepth: number; analysis: Analysis }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Edits since the cached analysis, so the next one re-parses only what changed. */
  private readonly edits = new Map<string, { base: number; version: number; changes: TextChange[] } | 'unknown'>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.record(e);
        this.schedule(e.document, TYPING_DELAY_MS);
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('promiseLens.callbackHell')) this.scheduleAll();
      }),
    );
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    // Later, never inside activate(): the first analysis loads the TypeScript compiler.
    this.scheduleAll();
  }

  /** The analysis of the document as it is now, computed if the cache is stale. */
  analysisFor(document: vscode.TextDocument): Analysis | undefined {
    if (!LANGUAGES.includes(document.languageId)) return undefined;
    const settings = readSettings(document);
    if (!settings.enabled) return undefined;
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    const text = document.getText();
    // The text too: a closed untitled file's URI and version come back for the next untitled file.
    if (
      cached &&
      cached.version === document.version &&
      cached.maxDepth === settings.maxDepth &&
      cached.analysis.parsed.text === text
    )
      return cached.analysis;
    const edits = this.edits.get(key);
    this.edits.delete(key);
    let analysis: Analysis | undefined;
    if (
      cached &&
      cached.maxDepth === settings.maxDepth &&
      edits &&
      edits !== 'unknown' &&
      edits.base === cached.version &&
      edits.version === document.version
    ) {
      analysis = analyzeEdits(cached.analysis, edits.changes, settings.maxDepth);
      if (analysis.parsed.text !== text) analysis = undefined;
    }
    analysis ??= analyze(text, scriptKindOf(document.languageId) ?? 'JS', settings.maxDepth);
    this.cache.set(key, { version: document.version, maxDepth: settings.maxDepth, analysis });
    return analysis;
  }

  /** The finding a diagnostic of ours stands for, in the current analysis. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const analysis = this.analysisFor(document);
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return analysis?.findings.find((f) => f.rule === diagnostic.code && f.start === start && f.end === end);
  }

  private record(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const cached = this.cache.get(key);
    if (!cached || event.contentChanges.length === 0) return;
    const known = this.edits.get(key) ?? { base: cached.version, version: cached.version, changes: [] };
    // One change per event is typing; several arrive at once for multi-cursor edits: parse afresh.
    if (known === 'unknown' || event.contentChanges.length > 1 || known.version !== event.document.version - 1) {
      this.edits.set(key, 'unknown');
      return;
    }
    const [change] = event.contentChanges;
    known.changes.push({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text });
    known.version = event.document.version;
    this.edits.set(key, known);
  }

  private update(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const analysis = this.analysisFor(document);
    if (!analysis) {
      this.collection.delete(document.uri);
      return;
    }
    const severity = readSettings(document).severity;
    const range = (start: number, end: number): vscode.Range =>
      new vscode.Range(document.positionAt(start), document.positionAt(end));
    this.collection.set(
      document.uri,
      analysis.findings.map((f) => {
        const diagnostic = new vscode.Diagnostic(range(f.start, f.end), f.message, severity);
        diagnostic.code = f.rule;
        diagnostic.source = 'Promise Lens';
        diagnostic.relatedInformation = f.levels.map(
          (l) =>
            new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, range(l.start, l.end)), l.label),
        );
        return diagnostic;
      }),
    );
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!LANGUAGES.includes(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, delay),
    );
  }

  private scheduleAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    // A closed untitled file's URI comes back for the next one, whose open event can arrive before this
    // close: forgetting then would cancel the new file's analysis and drop its diagnostics. Analyse it instead.
    const reopened = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
    if (reopened) {
      this.cache.delete(key);
      this.edits.delete(key);
      this.schedule(reopened, 0);
      return;
    }
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cache.delete(key);
    this.edits.delete(key);
    this.collection.delete(uri);
  }
}
