import * as vscode from 'vscode';
import type { Parsed } from '../core/syntax/parse';
import { Disposable } from './disposable';
import { ParseCache } from './parseCache';

/**
 * The open documents, parsed once per version for every feature that reads their syntax (the
 * callback-hell diagnostics and quick fixes, the hover and the end-of-line notes). Parsing is lazy: a
 * document is parsed when a feature first asks, never on open; a closed document is forgotten.
 */
export class ParsedDocuments extends Disposable {
  constructor(private readonly cache = new ParseCache()) {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        const changes = event.contentChanges.map((c) => ({
          start: c.rangeOffset,
          end: c.rangeOffset + c.rangeLength,
          text: c.text,
        }));
        this.cache.changed(event.document.uri.toString(), event.document, changes);
      }),
    );
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.drop(document.uri.toString(), document)),
    );
  }

  /** The document as it is now, parsed: the same tree for each feature until the next edit. */
  parsedOf(document: vscode.TextDocument): Parsed {
    return this.cache.parsedOf(document.uri.toString(), document);
  }
}
