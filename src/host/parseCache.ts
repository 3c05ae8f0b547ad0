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
  /** The document parsed: a closed untitled file's URI comes back for the next untitled file, a new document. */
  document: DocumentState;
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
    const found = this.entries.get(key);
    const entry = found?.document === document ? found : undefined;
    const text = document.getText();
    const kind = documentKind(document.fileName, document.languageId);
    if (entry && entry.version === document.version && entry.parsed.kind === kind && entry.parsed.text === text)
      return entry.parsed;
    let parsed: Parsed | undefined;
    const pending = entry?.pending;
    if (
      entry &&
      pending &&
      pending !== 'unknown' &&
      pending.version === document.version &&
      entry.parsed.kind === kind &&
      replayable(entry.parsed.text, pending.changes)
    ) {
      parsed = this.parser.reparse(entry.parsed, pending.changes);
      if (parsed.text !== text) parsed = undefined;
    }
    parsed ??= this.parser.parse(text, kind, { fileName: document.fileName });
    this.entries.set(key, { document, version: document.version, parsed });
    return parsed;
  }

  /**
   * An edit to the document, now at `version`: one change is typing, replayed on the next parse; several
   * at once (multi-cursor), or `undefined`, mean the next parse starts afresh.
   */
  changed(key: string, document: DocumentState, changes: readonly TextChange[] | undefined): void {
    const entry = this.entries.get(key);
    const version = document.version;
    // Nothing parsed yet (or another document under this URI), or a caller already parsed this version.
    if (!entry || entry.document !== document || entry.version >= version) return;
    const pending = entry.pending ?? { version: entry.version, changes: [] };
    if (pending === 'unknown' || !changes || changes.length !== 1 || pending.version !== version - 1) {
      entry.pending = 'unknown';
      return;
    }
    pending.changes.push(changes[0]);
    pending.version = version;
    entry.pending = pending;
  }

  /** Forgets a closed document (not a new one that has its URI already). */
  drop(key: string, document: DocumentState): void {
    if (this.entries.get(key)?.document === document) this.entries.delete(key);
  }

  /** How many documents are held (one per open document that was asked for). */
  get size(): number {
    return this.entries.size;
  }
}

/** True when each change fits the text it applies to: TypeScript's incremental parser asserts it. */
function replayable(text: string, changes: readonly TextChange[]): boolean {
  let length = text.length;
  for (const c of changes) {
    if (!(c.start >= 0 && c.start <= c.end && c.end <= length)) return false;
    length += c.text.length - (c.end - c.start);
  }
  return true;
}
