import { typescript, type TS } from './typescript';
import { bindingNames } from './names';
import { kindTable } from './nodes';

/**
 * A small name resolver: enough to tell which declaration an identifier reads, without a type checker.
 * Scopes are the source file, blocks, functions (parameters, `var`s, function declarations), catch
 * clauses and `for` heads.
 */
export class Scopes {
  private readonly cache = new Map<TS.Node, Set<string>>();

  /** The scope node that declares the variable `id` reads, or undefined for a global. */
  resolve(id: TS.Identifier): TS.Node | undefined {
    return this.resolveName(id.text, id.parent);
  }

  resolveName(name: string, from: TS.Node | undefined): TS.Node | undefined {
    for (let node = from; node; node = node.parent) {
      if (isScope(node) && this.declared(node).has(name)) return node;
    }
    return undefined;
  }

  /** The names a scope node declares itself. */
  declared(scope: TS.Node): Set<string> {
    let names = this.cache.get(scope);
    if (!names) {
      names = collect(scope);
      this.cache.set(scope, names);
    }
    return names;
  }
}

export function isScope(node: TS.Node): boolean {
  const ts = typescript();
  if (node.kind === ts.SyntaxKind.Block) return !ts.isFunctionLike(node.parent);
  return scopeKinds()[node.kind] === 1;
}

let scopeKindTable: Uint8Array | undefined;

/**
 * 1 for each kind of node that is a scope whatever its parent (every kind but a block's): a lookup per
 * ancestor instead of nine calls, as name resolution walks up from every identifier it resolves.
 */
function scopeKinds(): Uint8Array {
  const ts = typescript();
  scopeKindTable ??= kindTable(
    (probe) =>
      ts.isSourceFile(probe) ||
      ts.isFunctionLike(probe) ||
      ts.isCatchClause(probe) ||
      ts.isForStatement(probe) ||
      ts.isForInStatement(probe) ||
      ts.isForOfStatement(probe) ||
      ts.isCaseBlock(probe) ||
      ts.isClassLike(probe) ||
      ts.isModuleBlock(probe),
  );
  return scopeKindTable;
}

function collect(scope: TS.Node): Set<string> {
  const ts = typescript();
  const names = new Set<string>();
  const lexical = (statements: readonly TS.Statement[]): void => {
    for (const s of statements) {
      if (ts.isVariableStatement(s))
        for (const d of s.declarationList.declarations) bindingNames(d.name).forEach((n) => names.add(n));
      else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
        names.add(s.name.text);
      else if (ts.isImportDeclaration(s) && s.importClause) {
        const clause = s.importClause;
        if (clause.name) names.add(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
        else if (bindings) for (const e of bindings.elements) names.add(e.name.text);
      } else if (ts.isImportEqualsDeclaration(s)) names.add(s.name.text);
    }
  };
  const vars = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
      for (const d of node.declarations) bindingNames(d.name).forEach((n) => names.add(n));
    }
    ts.forEachChild(node, vars);
  };
  if (ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
    lexical(scope.statements);
    scope.statements.forEach(vars);
  } else if (ts.isBlock(scope)) {
    lexical(scope.statements);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) lexical(clause.statements);
  } else if (ts.isFunctionLike(scope)) {
    const fn = scope as TS.SignatureDeclaration & { body?: TS.Node };
    for (const p of fn.parameters) bindingNames(p.name).forEach((n) => names.add(n));
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name) names.add(scope.name.text);
    if (fn.body && ts.isBlock(fn.body)) {
      lexical(fn.body.statements);
      fn.body.statements.forEach(vars);
    }
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) bindingNames(scope.variableDeclaration.name).forEach((n) => names.add(n));
  } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init))
      for (const d of init.declarations) bindingNames(d.name).forEach((n) => names.add(n));
  } else if (ts.isClassExpression(scope) && scope.name) {
    names.add(scope.name.text);
  }
  return names;
}
