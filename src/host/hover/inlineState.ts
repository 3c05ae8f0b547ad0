import * as vscode from 'vscode';
import { noteText } from '../../core/hover/describe';
import { shiftNotes, type LineNote } from '../../core/hover/lines';
import { Disposable } from '../disposable';
import { keyOf, type TracedDocuments } from './tracedDocuments';

export const INLINE_STATE_SETTING = 'promiseLens.inlineState.enabled';
export const INLINE_STATE_SHOWN_CONTEXT = 'promiseLens.inlineStateShown';

/** A faint note after each line that created promises: `→ fulfilled 42`, `✗ rejected: Error: boom`, `⏳ pending`. */
export class InlineStateDecorations extends Disposable {
  private readonly fresh = this._register(
    vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2.5em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private readonly stale = this._register(
    vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor('disabledForeground'), fontStyle: 'italic', margin: '0 0 0 2.5em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  /** Notes per file, kept in step with edits; computed when an editor first shows the file. */
  private readonly notes = new Map<string, LineNote[]>();
  /** Files whose notes the user cleared; the next trace shows them again. */
  private readonly cleared = new Set<string>();

  constructor(private readonly documents: TracedDocuments) {
    super();
    this._register(
      documents.onDidTrace((files) => {
        for (const file of files) {
          this.notes.delete(file);
          this.cleared.delete(file);
        }
        this.renderAll();
      }),
    );
    this._register(
      documents.onDidEdit(({ document, edits }) => {
        const file = keyOf(document);
        const notes = this.notes.get(file);
        if (!notes) return;
        this.notes.set(file, edits.reduce(shiftNotes, notes));
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.render(editor);
      }),
    );
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(INLINE_STATE_SETTING)) this.renderAll();
      }),
    );
    this.renderAll();
  }

  /** The notes shown for a document, as [0-based line, text, stale]: what tests read. */
  notesOf(document: vscode.TextDocument): LineNote[] {
    return this.enabled(document) ? this.compute(document) : [];
  }

  /** Hides every note until the next trace. Returns how many files had notes. */
  clear(): number {
    let count = 0;
    for (const editor of vscode.window.visibleTextEditors) {
      if (this.compute(editor.document).length > 0) this.cleared.add(keyOf(editor.document));
    }
    for (const [file, notes] of this.notes) {
      if (notes.length > 0) count++;
      this.cleared.add(file);
    }
    this.notes.clear();
    this.renderAll();
    return count;
  }

  private enabled(document: vscode.TextDocument): boolean {
    return (
      vscode.workspace.getConfiguration(undefined, document.uri).get<boolean>(INLINE_STATE_SETTING, true) &&
      !this.cleared.has(keyOf(document))
    );
  }

  private compute(document: vscode.TextDocument): LineNote[] {
    const file = keyOf(document);
    if (this.cleared.has(file)) return [];
    let notes = this.notes.get(file);
    if (!notes) {
      const found = this.documents.indexOf(document);
      if (!found) return [];
      notes = found.index.lineSummaries().map((s) => ({ line: s.line, text: noteText(s.promises), stale: false }));
      this.notes.set(file, notes);
    }
    return notes;
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
    const shown = vscode.window.visibleTextEditors.some((e) => this.notesOf(e.document).length > 0);
    void vscode.commands.executeCommand('setContext', INLINE_STATE_SHOWN_CONTEXT, shown);
  }

  private render(editor: vscode.TextEditor): void {
    const document = editor.document;
    const notes = this.notesOf(document);
    const at = (note: LineNote): vscode.DecorationOptions | undefined => {
      if (note.line >= document.lineCount) return undefined;
      const end = document.lineAt(note.line).range.end;
      const contentText = note.stale ? `${note.text} (edited since the trace)` : note.text;
      return { range: new vscode.Range(end, end), renderOptions: { after: { contentText } } };
    };
    const pick = (stale: boolean) =>
      notes
        .filter((n) => n.stale === stale)
        .map(at)
        .filter((d): d is vscode.DecorationOptions => d !== undefined);
    editor.setDecorations(this.fresh, pick(false));
    editor.setDecorations(this.stale, pick(true));
  }
}
