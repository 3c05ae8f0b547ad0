import { typescript, type TS } from './typescript';

export interface Parsed {
  text: string;
  /**
   * Parent pointers are set by the rules' walk in analyze.ts, not by the parser: TypeScript's own pass
   * for them walked the whole tree a second time (in bench/analysis.bench.mjs it nearly doubled the
   * parse's time). Use a tree only via `analyze`.
   */
  sourceFile: TS.SourceFile;
  /** Offsets [start, end) of every syntax error; findings and fixes stay out of them. */
  errors: Array<[number, number]>;
}

const EXTENSIONS: Record<string, 'JS' | 'JSX' | 'TS' | 'TSX'> = {
  js: 'JS',
  mjs: 'JS',
  cjs: 'JS',
  jsx: 'JSX',
  ts: 'TS',
  mts: 'TS',
  cts: 'TS',
  tsx: 'TSX',
};

const LANGUAGES: Record<string, 'JS' | 'JSX' | 'TS' | 'TSX'> = {
  javascript: 'JS',
  javascriptreact: 'JSX',
  typescript: 'TS',
  typescriptreact: 'TSX',
};

/** The script kind for a file name or a VS Code language id; undefined when the rule does not cover it. */
export function scriptKindOf(fileNameOrLanguage: string): 'JS' | 'JSX' | 'TS' | 'TSX' | undefined {
  if (LANGUAGES[fileNameOrLanguage]) return LANGUAGES[fileNameOrLanguage];
  const ext = /\.([a-z]+)$/i.exec(fileNameOrLanguage)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

export function parse(text: string, kind: 'JS' | 'JSX' | 'TS' | 'TSX' = 'JS'): Parsed {
  const ts = typescript();
  const fileName = `file.${kind.toLowerCase()}`;
  // JSDoc is not read by either rule or the rewrite (comments are copied as text), so it is not parsed.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(fileName, text, options, false, ts.ScriptKind[kind]);
  // parseDiagnostics is internal but stable since TypeScript 2; it holds only syntax errors.
  const diagnostics =
    (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const errors = diagnostics.map((d): [number, number] => [d.start, d.start + Math.max(d.length, 1)]);
  return { text, sourceFile, errors };
}

/** One edit of the previous text: [start, end) replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * Re-parses after edits, reusing the unchanged parts of the previous tree (TypeScript's incremental
 * parser), which is what keeps typing in a large file cheap. `previous` must not be used afterwards.
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
  const diagnostics =
    (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const errors = diagnostics.map((d): [number, number] => [d.start, d.start + Math.max(d.length, 1)]);
  return { text, sourceFile, errors };
}

export function overlapsError(parsed: Parsed, start: number, end: number): boolean {
  return parsed.errors.some(([s, e]) => s < end && e > start);
}
