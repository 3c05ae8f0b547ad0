import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { guarded } from '../errors';
import type { TraceStore } from '../traceStore';
import { showInTimeline } from './commands';
import { PromiseHoverProvider } from './hoverProvider';
import { InlineStateDecorations } from './inlineState';
import { SHOW_IN_TIMELINE, TracedDocuments } from './tracedDocuments';
import type { ParsedDocuments } from '../parsedDocuments';

const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
const SELECTOR: vscode.DocumentSelector = LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

/** The hover, the end-of-line notes and their commands, reading traces from the store. */
export class HoverFeature extends Disposable {
  constructor(traces: TraceStore, parses: ParsedDocuments) {
    super();
    const documents = this._register(new TracedDocuments(traces, parses));
    const notes = this._register(new InlineStateDecorations(documents));
    this._register(vscode.languages.registerHoverProvider(SELECTOR, new PromiseHoverProvider(documents)));
    this._register(
      vscode.commands.registerCommand(
        SHOW_IN_TIMELINE,
        guarded('Show in Timeline', (ref?: unknown) => showInTimeline(documents, ref)),
      ),
    );
    this._register(
      vscode.commands.registerCommand(
        'promiseLens.clearInlineState',
        guarded('Clear end-of-line state', () => notes.clear()),
      ),
    );
    // For the in-editor tests: decorations cannot be read back through the API.
    this._register(
      vscode.commands.registerCommand('promiseLens.inlineStateOf', (uri: vscode.Uri) => {
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        return document ? notes.notesOf(document) : [];
      }),
    );
  }
}
