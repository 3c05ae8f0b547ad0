/**
 * An untitled editor has no file; its text runs from a temporary one, whose extension makes Node
 * read it the way its text is written (ES module syntax or top-level await → an ES module).
 */

const MODULE_SYNTAX = /^[^\S\n]*(?:import\s*[\w{*'"]|import\s*\(|export\s)/m;
/** `await` at the start of a line outside any block, or right after `=` in a top-level declaration. */
const TOP_LEVEL_AWAIT = /^(?:await\s|(?:const|let|var)\s[^\n=]*=\s*await\s|for\s+await\s*\()/m;

export function untitledExtension(languageId: string, text: string): string {
  const typescript = languageId === 'typescript' || languageId === 'typescriptreact';
  const awaits = TOP_LEVEL_AWAIT.test(text);
  if (typescript) return awaits ? '.mts' : '.ts';
  return awaits || MODULE_SYNTAX.test(text) ? '.mjs' : '.cjs';
}
