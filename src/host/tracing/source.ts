import * as vscode from 'vscode';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { untitledExtension } from '../../core/run';
import { untitledDir } from './untitledFiles';
import type { SourceLocation, Trace } from '../../core/trace/model';

/** What to run for a document: its file, its unsaved text under its own path, or a temporary file. */
export interface TraceSource {
  file: string;
  text?: string;
  cwd: string;
  /** For an untitled editor: the temporary file, whose name the trace then gives back to the editor. */
  temporary?: string;
}

export function sourceOf(document: vscode.TextDocument): TraceSource {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  // A file deleted on disk has nothing for its imports to resolve next to: it runs like an untitled one.
  if (document.isUntitled || document.uri.scheme !== 'file' || !existsSync(document.uri.fsPath)) {
    const dir = untitledDir();
    mkdirSync(dir, { recursive: true });
    const name = document.uri.path.replace(/[^\w.-]+/g, '_') || 'untitled';
    const file = join(dir, `${name}${untitledExtension(document.languageId, document.getText())}`);
    writeFileSync(file, document.getText());
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return { file, cwd: workspace ?? dir, temporary: file };
  }
  const file = document.uri.fsPath;
  // Unsaved edits run as they read in the editor, under the file's own path.
  return { file, text: document.isDirty ? document.getText() : undefined, cwd: folder ?? dirname(file) };
}

/** Points a trace of an untitled editor's temporary file back at the editor's document. */
export function renameFile(trace: Trace, from: string, to: string): void {
  const rename = (location: SourceLocation | null) => (location && location.file === from ? { ...location, file: to } : location);
  trace.file = trace.file === from ? to : trace.file;
  for (const promise of trace.promises) {
    promise.location = rename(promise.location);
    for (const reaction of promise.reactions) reaction.handler = rename(reaction.handler);
  }
  for (const job of trace.jobs) job.location = rename(job.location);
  if (trace.exit.stuckAt) trace.exit.stuckAt = rename(trace.exit.stuckAt) ?? undefined;
  if (trace.exit.syntaxError) trace.exit.syntaxError = rename(trace.exit.syntaxError) ?? undefined;
}
