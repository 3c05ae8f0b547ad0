import * as vscode from 'vscode';
import type { SourceLocation } from '../../core/trace/model';
import { Disposable } from '../disposable';

/**
 * Source sync: the line of the job running at the current step is highlighted in the editor (the
 * debugger's stack-frame colour), and a job or promise can be revealed at its source.
 */
export class SourceSync extends Disposable {
  private readonly decoration = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('editor.stackFrameHighlightBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Full,
    }),
  );
  /** What is highlighted now: a file and a 1-based line, or undefined. */
  current: { file: string; line: number; label: string } | undefined;

  constructor() {
    super();
    // An editor opened later for the same file shows the highlight too.
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.apply()));
  }

  /** Highlights `location` (1-based) with `label` after the line; clears with undefined. */
  async highlight(location: SourceLocation | null | undefined, label: string): Promise<void> {
    if (!location) {
      this.current = undefined;
      this.apply();
      return;
    }
    this.current = { file: location.file, line: location.line, label };
    const shown = this.apply();
    if (!shown) {
      // Not visible: open it in the first column, without taking focus from the timeline.
      const uri = vscode.Uri.file(location.file);
      try {
        await vscode.window.showTextDocument(uri, {
          viewColumn: vscode.ViewColumn.One,
          preserveFocus: true,
          preview: true,
        });
      } catch {
        return;
      }
      this.apply();
    }
  }

  private apply(): boolean {
    let shown = false;
    for (const editor of vscode.window.visibleTextEditors) {
      const cur = this.current;
      if (!cur || editor.document.uri.fsPath !== cur.file) {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      const line = Math.max(0, Math.min(editor.document.lineCount - 1, cur.line - 1));
      const range = new vscode.Range(line, 0, line, 0);
      editor.setDecorations(this.decoration, [
        {
          range,
          hoverMessage: cur.label,
          renderOptions: {
            after: { contentText: `  ◀ ${cur.label}`, color: new vscode.ThemeColor('editorCodeLens.foreground') },
          },
        },
      ]);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      shown = true;
    }
    return shown;
  }

  /** Opens the file at the location and selects the line (a click on a job or promise). */
  async reveal(location: SourceLocation): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(location.file));
    const line = Math.max(0, Math.min(document.lineCount - 1, location.line - 1));
    const column = Math.max(0, location.column - 1);
    const position = new vscode.Position(line, column);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
  }
}
