import * as vscode from 'vscode';
import { describeTarget } from '../../core/hover/describe';
import { SHOW_IN_TIMELINE, type TracedDocuments } from './tracedDocuments';

/** Hovers over an expression that created promises in the latest trace: their state, value and links. */
export class PromiseHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: TracedDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = this.documents.indexOf(document);
    if (!found) return undefined;
    const target = found.index.targetAt(document.offsetAt(position));
    if (!target) return undefined;
    const text = describeTarget(target, {
      trace: found.trace,
      file: found.file,
      links: this.documents.links(found.file),
      internals: this.documents.internalsShown,
    });
    const markdown = new vscode.MarkdownString(text);
    // The only command a hover link may run; everything from the traced program is escaped or in code spans.
    markdown.isTrusted = { enabledCommands: [SHOW_IN_TIMELINE] };
    markdown.supportHtml = false;
    return new vscode.Hover(
      markdown,
      new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)),
    );
  }
}
