/**
 * An untitled editor has no file; its text runs from a temporary one, whose extension makes Node
 * read it the way its text is written (`import`/`export`, `import.meta` or top-level `await` → an
 * ES module), as Node's own syntax detection reads a `.js` file outside any package.
 */
import { typescript } from '../syntax/typescript';
import { moduleOnlySyntax } from '../syntax/moduleSyntax';

export function untitledExtension(languageId: string, text: string): string {
  const typed = languageId === 'typescript' || languageId === 'typescriptreact';
  const react = languageId === 'typescriptreact' || languageId === 'javascriptreact';
  const name = `untitled.${typed ? 'ts' : 'js'}${react ? 'x' : ''}`;
  // TypeScript compiles `import`/`export` to CommonJS; only `await` and `import.meta` need a module.
  const esm = moduleOnlySyntax(typescript(), text, name, !typed) !== null;
  if (typed) return esm ? '.mts' : '.ts';
  return esm ? '.mjs' : '.cjs';
}
