import type { Scopes } from '../syntax/scope';
import { typescript, type TS } from '../syntax/typescript';

/** How the file loads modules, and what it already binds to `util` and `fs`. */
export interface ModuleInfo {
  style: 'esm' | 'cjs' | 'unknown';
  /** The expression that names `util.promisify` in this file, if it has one. */
  promisify: string | undefined;
  /** Names bound to the `fs` module. */
  fs: Set<string>;
  /** Whether the file writes built-in modules as `node:x`. */
  nodePrefix: boolean;
  /** Where an added import goes: after the last import/require, else before the first statement. */
  insertAfter: TS.Statement | undefined;
  firstStatement: TS.Statement | undefined;
}

const moduleOf = (spec: string): string => spec.replace(/^node:/, '');

export function readModules(sf: TS.SourceFile, kind: string): ModuleInfo {
  const ts = typescript();
  const info: ModuleInfo = {
    style: 'unknown',
    promisify: undefined,
    fs: new Set(),
    nodePrefix: false,
    insertAfter: undefined,
    firstStatement: undefined,
  };
  // By the language only, never the file's name: the CLI and the editor read one file the same way.
  if (kind === 'TS' || kind === 'TSX') info.style = 'esm';
  const requireOf = (expr: TS.Expression | undefined): string | undefined => {
    if (
      expr &&
      ts.isCallExpression(expr) &&
      ts.isIdentifier(expr.expression) &&
      expr.expression.text === 'require' &&
      expr.arguments.length === 1 &&
      ts.isStringLiteral(expr.arguments[0])
    )
      return expr.arguments[0].text;
    return undefined;
  };
  for (const s of sf.statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && !info.firstStatement) continue;
    info.firstStatement ??= s;
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      info.style = 'esm';
      info.insertAfter = s;
      const spec = s.moduleSpecifier.text;
      if (spec.startsWith('node:')) info.nodePrefix = true;
      const clause = s.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      const whole = clause.name?.text ?? (bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : undefined);
      if (moduleOf(spec) === 'util') {
        if (whole) info.promisify ??= `${whole}.promisify`;
        if (bindings && ts.isNamedImports(bindings)) {
          const p = bindings.elements.find((e) => (e.propertyName ?? e.name).text === 'promisify');
          if (p) info.promisify = p.name.text;
        }
      }
      if (moduleOf(spec) === 'fs' && whole) info.fs.add(whole);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const spec = requireOf(d.initializer);
        if (spec === undefined) continue;
        if (info.style === 'unknown') info.style = 'cjs';
        info.insertAfter = s;
        if (spec.startsWith('node:')) info.nodePrefix = true;
        if (moduleOf(spec) === 'util') {
          if (ts.isIdentifier(d.name)) info.promisify ??= `${d.name.text}.promisify`;
          else if (ts.isObjectBindingPattern(d.name)) {
            const p = d.name.elements.find((e) => ((e.propertyName ?? e.name) as TS.Identifier).text === 'promisify');
            if (p && ts.isIdentifier(p.name)) info.promisify = p.name.text;
          }
        }
        if (moduleOf(spec) === 'fs' && ts.isIdentifier(d.name)) info.fs.add(d.name.text);
      }
    } else if (ts.isExportDeclaration(s) || ts.isExportAssignment(s)) {
      info.style = 'esm';
    }
  }
  if (info.style === 'unknown' && /\b(module\.exports|exports\.\w+|require\()/.test(sf.text)) info.style = 'cjs';
  return info;
}

/** The statement that binds `util` in the module's own style. */
export function utilImport(info: ModuleInfo): string {
  const spec = info.nodePrefix ? 'node:util' : 'util';
  return info.style === 'esm' ? `import * as util from '${spec}';` : `const util = require('${spec}');`;
}

/** True when adding a top-level `util` binding can't clash with a name the file already uses. */
export function utilNameFree(sf: TS.SourceFile, scopes: Scopes): boolean {
  if (scopes.declared(sf).has('util')) return false;
  return !/\butil\b/.test(sf.text);
}
