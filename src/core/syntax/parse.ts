/** One way to parse a document: as the language its name or editor language says. */
import type * as TS from 'typescript';
import { typescript } from './typescript';

export interface ParsedSource {
  sourceFile: TS.SourceFile;
  text: string;
}

/** Parses a document as the language its name or `languageId` says; never throws on bad syntax. */
export function parseSource(text: string, fileName: string, languageId?: string): ParsedSource {
  const ts = typescript();
  const sourceFile = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(fileName, languageId),
  );
  return { sourceFile, text };
}

function scriptKind(fileName: string, languageId?: string): TS.ScriptKind {
  const ts = typescript();
  switch (languageId) {
    case 'typescript':
      return ts.ScriptKind.TS;
    case 'typescriptreact':
      return ts.ScriptKind.TSX;
    case 'javascriptreact':
      return ts.ScriptKind.JSX;
    case 'javascript':
      return ts.ScriptKind.JS;
  }
  if (/\.[mc]?tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/i.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
