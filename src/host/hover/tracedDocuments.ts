import * as vscode from 'vscode';
import { HoverIndex } from '../../core/hover';
import type { HoverLinks } from '../../core/hover/describe';
import { shiftLineThrough, type LineEdit } from '../../core/hover/lines';
import type { Trace } from '../../core/trace/model';
import { Disposable } from '../disposable';
import type { TraceStore } from '../traceStore';
import type { ParsedDocuments } from '../parsedDocuments';

export const SHOW_IN_TIMELINE = 'promiseLens.showInTimeline';
/** True while the active editor shows a file the latest traces know. */
export const TRACED_EDITOR_CONTEXT = 'promiseLens.activeEditorTraced';

/** An edit to a traced document, as the hover and the end-of-line notes follow it. */
export interface TracedEdit {
  document: vscode.TextDocument;
  edits: readonly LineEdit[];
}

/**
 * The documents the latest traces talk about, and the edits made to them since: what the hover and
 * the end-of-line notes read. A new trace of a file forgets the edits before it.
 */
export class TracedDocuments extends Disposable {
  private readonly edits = new Map<string, LineEdit[]>();
  private readonly indexes = new Map<string, { version: number; trace: Trace; edits: number; index: HoverIndex }>();
  private readonly traced = this._register(new vscode.EventEmitter<Set<string>>());
  private readonly edited = this._register(new vscode.EventEmitter<TracedEdit>());

  /** Fires with the files a new trace (or a cleared one) is about. */
  readonly onDidTrace = this.traced.event;
  /** Fires after an edit to a traced document, with that edit. */
  readonly onDidEdit = this.edited.event;

  constructor(
    private readonly store: TraceStore,
    private readonly parses: ParsedDocuments,
  ) {
    super();
    this._register(
      store.onDidChange((trace) => {
        const files = filesOf(trace);
        for (const file of files) this.forget(file);
        this.traced.fire(files);
        this.updateContext();
      }),
    );
    this._register(
      store.onDidClear((file) => {
        this.forget(file);
        this.traced.fire(new Set([file]));
        this.updateContext();
      }),
    );
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.record(event)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.indexes.delete(keyOf(document))));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()));
    this.updateContext();
  }

  /** Whether steps count Node's internal events, as the timeline counts them now. */
  get internalsShown(): boolean {
    return this.store.internalsShown;
  }

  /** The latest trace in which this document created promises or ran. */
  traceOf(document: vscode.TextDocument): Trace | undefined {
    return this.store.findTouching(keyOf(document));
  }

  /** The document's promises by expression, built once per document version and trace. */
  indexOf(document: vscode.TextDocument): { index: HoverIndex; trace: Trace; file: string } | undefined {
    const trace = this.traceOf(document);
    if (!trace) return undefined;
    const file = keyOf(document);
    const edits = this.edits.get(file) ?? [];
    const cached = this.indexes.get(file);
    if (cached && cached.trace === trace && cached.version === document.version && cached.edits === edits.length) {
      return { index: cached.index, trace, file };
    }
    const index = new HoverIndex({
      text: document.getText(),
      fileName: document.fileName,
      languageId: document.languageId,
      trace,
      file,
      mapLine: this.lineMapper(file),
      // The tree the callback-hell diagnostics read too: one parse per document version.
      parsed: this.parses.parsedOf(document),
    });
    this.indexes.set(file, { version: document.version, trace, edits: edits.length, index });
    return { index, trace, file };
  }

  /** Carries a 0-based line of the traced text to the current text; undefined once edited. */
  lineMapper(file: string): (line: number) => number | undefined {
    const edits = this.edits.get(file);
    return edits && edits.length > 0 ? (line) => shiftLineThrough(line, edits) : (line) => line;
  }

  /** Link targets for hovers: source locations (through the edits) and the timeline. */
  links(file: string): HoverLinks {
    const mapLine = this.lineMapper(file);
    return {
      location: (location) => {
        const uri = uriOf(location.file);
        if (!uri) return undefined;
        const line = location.file === file ? (mapLine(location.line - 1) ?? location.line - 1) + 1 : location.line;
        return uri.with({ fragment: `L${line},${location.column}` }).toString();
      },
      promise: (id) => `command:${SHOW_IN_TIMELINE}?${encodeURIComponent(JSON.stringify([{ file, promise: id }]))}`,
    };
  }

  private forget(file: string): void {
    this.edits.delete(file);
    this.indexes.delete(file);
  }

  private record(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const file = keyOf(event.document);
    if (!this.store.findTouching(file)) return;
    const single = event.contentChanges.length === 1;
    const added: LineEdit[] = event.contentChanges.map((change) => ({
      startLine: change.range.start.line,
      startCharacter: change.range.start.character,
      endLine: change.range.end.line,
      endCharacter: change.range.end.character,
      text: change.text,
      endsAtLineEnd: single && endedAtLineEnd(event.document, change),
    }));
    const list = this.edits.get(file);
    if (list) list.push(...added);
    else this.edits.set(file, added);
    this.edited.fire({ document: event.document, edits: added });
  }

  private updateContext(): void {
    const document = vscode.window.activeTextEditor?.document;
    const traced = document !== undefined && this.traceOf(document) !== undefined;
    void vscode.commands.executeCommand('setContext', TRACED_EDITOR_CONTEXT, traced);
  }
}

/** The name trace locations use for a document: its path, or `Untitled-1` for an untitled editor. */
export function keyOf(document: vscode.TextDocument): string {
  return document.uri.fsPath;
}

/** Every file a trace has a location in. */
function filesOf(trace: Trace): Set<string> {
  const files = new Set<string>([trace.file]);
  for (const p of trace.promises) if (p.location) files.add(p.location.file);
  return files;
}

/** The document a trace location names: an open untitled editor by its name, else the file. */
function uriOf(file: string): vscode.Uri | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.isUntitled && keyOf(d) === file);
  if (open) return open.uri;
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) ? vscode.Uri.file(file) : undefined;
}

/**
 * Whether a change began at the end of its line before it was applied: then the text after the
 * change on its last new line is empty, so that line ends exactly where the inserted text does.
 */
function endedAtLineEnd(document: vscode.TextDocument, change: vscode.TextDocumentContentChangeEvent): boolean {
  if (!change.range.isEmpty) return false;
  const segments = change.text.split('\n');
  const lastLine = change.range.start.line + segments.length - 1;
  if (lastLine >= document.lineCount) return false;
  const last = segments[segments.length - 1];
  const lineText = document.lineAt(lastLine).text;
  const startOfLast = segments.length === 1 ? change.range.start.character : 0;
  return lineText.length === startOfLast + last.length;
}
