/**
 * One parse per open document version, shared by the callback-hell diagnostics and the hover: each asks
 * here instead of parsing the text itself. Typing re-parses only what changed (TypeScript's incremental
 * parser). No vscode here, so it is tested in plain mocha; `parsedDocuments.ts` feeds it editor events.
 */
import { documentKind, parse, reparse, type Parsed, type TextChange } from '../core/syntax/parse';

/** What the cache reads of a document (a `vscode.TextDocument` has all of it). */
export interface DocumentState {
  readonly version: number;
  readonly fileName: string;
  readonly languageId: string;
  getText(): string;
}

/** The parse functions, injectable so that a test can count parses. */
export interface Parser {
  parse: typeof parse;
  reparse: typeof reparse;
}

interface Entry {
  version: number;
  parsed: Parsed;
  /** Edits since `version`, up to `pending.version`; 'unknown' when they can't be replayed. */
  pending?: { version: number; changes: TextChange[] } | 'unknown';
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parser: Parser = { parse, reparse }) {}

  /** The document as it is now, parsed: the same tree for every caller until the next edit. */
  parsedOf(key: string, document: DocumentState): Parsed {
    const entry = this.entries.get(key);
    const text = document.getText();
    const kind = documentKind(document.fileName, document.languageId);
    // The text too: a closed untitled file's URI and version come back for the next untitled file.
    if (entry && entry.version === document.version && entry.parsed.kind === kind && entry.parsed.text === text)
      return entry.parsed;
    let parsed: Parsed | undefined;
    const pending = entry?.pending;
    if (
      entry &&
      pending &&
      pending !== 'unknown' &&
      pending.version === document.version &&
      entry.parsed.kind === kind
    ) {
      parsed = this.parser.reparse(entry.parsed, pending.changes);
      if (parsed.text !== text) parsed = undefined;
    }
    parsed ??= this.parser.parse(text, kind, { fileName: document.fileName });
    this.entries.set(key, { version: document.version, parsed });
    return parsed;
  }

  /**
   * An edit to the document, now at `version`: one change is typing, replayed on the next parse; several
   * at once (multi-cursor), or `undefined`, mean the next parse starts afresh.
   */
  changed(key: string, version: number, changes: readonly TextChange[] | undefined): void {
    const entry = this.entries.get(key);
    // Nothing parsed yet, or a caller already parsed this version.
    if (!entry || entry.version >= version) return;
    const pending = entry.pending ?? { version: entry.version, changes: [] };
    if (pending === 'unknown' || !changes || changes.length !== 1 || pending.version !== version - 1) {
      entry.pending = 'unknown';
      return;
    }
    pending.changes.push(changes[0]);
    pending.version = version;
    entry.pending = pending;
  }

  /** Forgets a closed document. */
  drop(key: string): void {
    this.entries.delete(key);
  }

  /** How many documents are held (one per open document that was asked for). */
  get size(): number {
    return this.entries.size;
  }
}
