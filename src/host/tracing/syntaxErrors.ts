/**
 * A traced program Node could not parse did not run: the error is shown where it is, as a diagnostic
 * (the trace's `exit.syntaxError`), until the next trace.
 */
import * as vscode from 'vscode';
import type { Trace } from '../../core/trace/model';

export const SYNTAX_ERROR_CODE = 'trace-syntax-error';

export class TraceSyntaxErrors implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('promise-lens-trace');

  /** Shows the syntax error of `trace`, if it has one, in place of the last one shown. */
  show(trace: Trace): void {
    this.diagnostics.clear();
    const at = trace.exit.syntaxError;
    if (!at) return;
    // 1-based in the trace; a caret past the end of the line still marks one character.
    const start = new vscode.Position(at.line - 1, at.column - 1);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(start, start.translate(0, 1)),
      `${trace.exit.message ?? 'SyntaxError'}: the program did not run.`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'Promise Lens';
    diagnostic.code = SYNTAX_ERROR_CODE;
    this.diagnostics.set(vscode.Uri.file(at.file), [diagnostic]);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}
