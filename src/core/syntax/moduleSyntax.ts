/**
 * Which text only an ES module can be, read with the TypeScript parser rather than patterns, so that
 * `console.log(await x)` or an `export` inside a template string are told right.
 */
import type * as TS from 'typescript';

export interface ModuleOnly {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
}

/**
 * Syntax that only an ES module may hold, with the message Node gives for it in CommonJS: top-level
 * `await` (or `for await`) outside any function, `import.meta` anywhere, and with `importExport`
 * also `import`/`export` declarations (which TypeScript compiles to CommonJS, but Node does not).
 * `file` names the language by its extension. `ts` is passed in so that the loader can leave
 * TypeScript unloaded for plain JavaScript.
 */
export function moduleOnlySyntax(ts: typeof TS, source: string, file: string, importExport = false): ModuleOnly | null {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ESNext, false);
  const found = (message: string, node: TS.Node): ModuleOnly => {
    const at = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return { message, line: at.line + 1, column: at.character + 1 };
  };
  const visit = (node: TS.Node, inFunction: boolean): ModuleOnly | undefined => {
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword)
      return found("Cannot use 'import.meta' outside a module", node);
    if (
      !inFunction &&
      (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined))
    ) {
      return found('await is only valid in async functions and the top level bodies of modules', node);
    }
    const inside = inFunction || ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
    return ts.forEachChild(node, (child) => visit(child, inside));
  };
  const declaration = importExport
    ? sourceFile.statements.find((statement) => isImportOrExport(ts, statement))
    : undefined;
  if (declaration) return found('Cannot use import statement outside a module', declaration);
  return visit(sourceFile, false) ?? null;
}

function isImportOrExport(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExportAssignment(node)) return true;
  return (
    ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)
  );
}
