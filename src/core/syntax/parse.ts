/**
 * The one way a document is parsed: as the language its name or editor language says, with its syntax
 * errors. The callback-hell analysis, the hover and the handler locator all parse through here, so the
 * extension host can parse an open document once per version and hand the same tree to each of them.
 */
import { typescript, type TS } from './typescript';

/** The languages the features read. */
export type ScriptKindName = 'JS' | 'JSX' | 'TS' | 'TSX';

export interface Parsed {
  text: string;
  sourceFile: TS.SourceFile;
  kind: ScriptKindName;
  /** Offsets [start, end) of every syntax error. */
  errors: Array<[number, number]>;
}

/** What the hover and the handler locator read: a tree with its parent pointers set, and its text. */
export interface ParsedSource {
  sourceFile: TS.SourceFile;
  text: string;
}

export interface ParseOptions {
  /** The tree's file name (no feature reads it; stack traces and TypeScript's messages show it). */
  fileName?: string;
  /**
   * Set parent pointers as the tree is built. Off by default: TypeScript's pass for them walks the whole
   * tree a second time (in bench/analysis.bench.mjs it nearly doubled the parse's time), and the
   * callback-hell rules set them in their own walk. `withParents` sets them when a reader needs them.
   */
  parents?: boolean;
  /** Parse JSDoc comments into the tree. Off by default: no rule or rewrite reads them (comments are copied as text). */
  jsDoc?: boolean;
}

const EXTENSIONS: Record<string, ScriptKindName> = {
  js: 'JS',
  mjs: 'JS',
  cjs: 'JS',
  jsx: 'JSX',
  ts: 'TS',
  mts: 'TS',
  cts: 'TS',
  tsx: 'TSX',
};

const LANGUAGES: Record<string, ScriptKindName> = {
  javascript: 'JS',
  javascriptreact: 'JSX',
  typescript: 'TS',
  typescriptreact: 'TSX',
};

/** The language of a file name or a VS Code language id; undefined when it is none of JS, JSX, TS, TSX. */
export function scriptKindOf(fileNameOrLanguage: string): ScriptKindName | undefined {
  if (Object.hasOwn(LANGUAGES, fileNameOrLanguage)) return LANGUAGES[fileNameOrLanguage];
  const ext = /\.([a-z]+)$/i.exec(fileNameOrLanguage)?.[1]?.toLowerCase();
  return ext && Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
}

/** A document's language: its editor language when it has one of ours, else its name's, else JavaScript. */
export function documentKind(fileName: string, languageId?: string): ScriptKindName {
  return (languageId !== undefined ? scriptKindOf(languageId) : undefined) ?? scriptKindOf(fileName) ?? 'JS';
}

/** Trees whose parent pointers are all set. */
const parented = new WeakSet<TS.SourceFile>();

/** Parses `text` as `kind`; never throws on bad syntax (the errors are in `errors`). */
export function parse(text: string, kind: ScriptKindName = 'JS', options: ParseOptions = {}): Parsed {
  const ts = typescript();
  const fileName = options.fileName ?? `file.${kind.toLowerCase()}`;
  const parseOptions = {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: options.jsDoc ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseNone,
  };
  const sourceFile = ts.createSourceFile(fileName, text, parseOptions, options.parents ?? false, ts.ScriptKind[kind]);
  if (options.parents) parented.add(sourceFile);
  return { text, sourceFile, kind, errors: syntaxErrors(sourceFile) };
}

/** One edit of the previous text: [start, end) replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * Re-parses after edits, reusing the unchanged parts of the previous tree (TypeScript's incremental
 * parser), which is what keeps typing in a large file cheap. The previous tree must not be used
 * afterwards: TypeScript moves its reused nodes into the new one.
 */
export function reparse(previous: Parsed, changes: readonly TextChange[]): Parsed {
  const ts = typescript();
  let sourceFile = previous.sourceFile;
  let text = previous.text;
  for (const change of changes) {
    text = text.slice(0, change.start) + change.text + text.slice(change.end);
    sourceFile = ts.updateSourceFile(sourceFile, text, {
      span: { start: change.start, length: change.end - change.start },
      newLength: change.text.length,
    });
  }
  // TypeScript's incremental parser always sets parent pointers.
  if (changes.length > 0) parented.add(sourceFile);
  return { text, sourceFile, kind: previous.kind, errors: syntaxErrors(sourceFile) };
}

/** The tree with every parent pointer set: walked once, the first time a reader that follows parents asks. */
export function withParents(sourceFile: TS.SourceFile): TS.SourceFile {
  if (parented.has(sourceFile)) return sourceFile;
  const ts = typescript();
  const visit = (node: TS.Node): void => {
    ts.forEachChild(node, (child) => {
      (child as { parent: TS.Node }).parent = node;
      visit(child);
    });
  };
  visit(sourceFile);
  parented.add(sourceFile);
  return sourceFile;
}

/** Records that a walk of its own (the callback-hell rules') has set every parent pointer of the tree. */
export function markParented(sourceFile: TS.SourceFile): void {
  parented.add(sourceFile);
}

/** Parses a document as the language its name or `languageId` says, with parent pointers and JSDoc. */
export function parseSource(text: string, fileName: string, languageId?: string): ParsedSource {
  return parse(text, documentKind(fileName, languageId), { fileName, parents: true, jsDoc: true });
}

export function overlapsError(parsed: Parsed, start: number, end: number): boolean {
  return parsed.errors.some(([s, e]) => s < end && e > start);
}

function syntaxErrors(sourceFile: TS.SourceFile): Array<[number, number]> {
  // parseDiagnostics is internal but stable since TypeScript 2; it holds only syntax errors.
  const diagnostics =
    (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((d): [number, number] => [d.start, d.start + Math.max(d.length, 1)]);
}
