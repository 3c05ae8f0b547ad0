import * as vscode from 'vscode';
import { analyzeParsed, type Analysis, type Finding } from '../../core/callbackHell';
import { Disposable } from '../disposable';
import type { ParsedDocuments } from '../parsedDocuments';
import { LANGUAGES, readSettings } from './settings';

/** Waits this long after the last keystroke before analysing again. */
const TYPING_DELAY_MS = 300;

/**
 * The callback-hell diagnostics: live, debounced, cached per document version. Nothing runs user code.
 * The tree comes from `ParsedDocuments`, which parses a document once per version for the hover too.
 */
export class CallbackHellDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('promiseLens.callbackHell'));
  private readonly cache = new Map<string, { maxDepth: number; analysis: Analysis }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly parses: ParsedDocuments) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DELAY_MS)));
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
    // The same tree is the same document version: ParsedDocuments parses again when either changes.
    const parsed = this.parses.parsedOf(document);
    if (cached && cached.analysis.parsed === parsed && cached.maxDepth === settings.maxDepth) return cached.analysis;
    const analysis = analyzeParsed(parsed, settings.maxDepth);
    this.cache.set(key, { maxDepth: settings.maxDepth, analysis });
    return analysis;
  }

  /** The finding a diagnostic of ours stands for, in the current analysis. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const analysis = this.analysisFor(document);
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return analysis?.findings.find((f) => f.rule === diagnostic.code && f.start === start && f.end === end);
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
      this.schedule(reopened, 0);
      return;
    }
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cache.delete(key);
    this.collection.delete(uri);
  }
}
