/** The names a level of a pyramid declares for itself, and whether an identifier reads one of them. */
import type { Scopes } from '../syntax/scope';
import { bindingNames } from '../syntax/names';
import { typescript, type TS } from '../syntax/typescript';
import type { PyramidLevel } from './pyramid';

/** Names a level declares for itself: its values, and `var`/`let`/`const`/functions of its success path (read once per level). */
const declaredCache = new WeakMap<PyramidLevel, Map<string, TS.Node>>();

export function declaredBy(level: PyramidLevel): Map<string, TS.Node> {
  let names = declaredCache.get(level);
  if (!names) {
    names = collectDeclared(level);
    declaredCache.set(level, names);
  }
  return names;
}

function collectDeclared(level: PyramidLevel): Map<string, TS.Node> {
  const ts = typescript();
  const names = new Map<string, TS.Node>();
  for (const p of level.values) for (const n of bindingNames(p.name)) names.set(n, p);
  if (level.error) names.set(level.error.name, level.callback.parameters[0]);
  if (!Array.isArray(level.body)) return names;
  const visit = (node: TS.Node, top: boolean): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) {
      if (top && (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
        names.set(node.name.text, node);
      return;
    }
    if (ts.isVariableStatement(node)) {
      const lexical = (node.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
      if (top || !lexical)
        for (const d of node.declarationList.declarations) for (const n of bindingNames(d.name)) names.set(n, node);
    }
    // A `var` in a nested block is declared by its list; one of a statement keeps the statement just
    // recorded, which is what the fix can move above the chain when it is one of the level's own.
    if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
      for (const d of node.declarations)
        for (const n of bindingNames(d.name)) if (names.get(n) !== node.parent) names.set(n, node);
    }
    ts.forEachChild(node, (c) => visit(c, false));
  };
  for (const s of level.body as readonly TS.Statement[]) visit(s, true);
  return names;
}

/** True when `node` is inside one of this level's own scopes. */
export function resolvesTo(scopes: Scopes, id: TS.Identifier, level: PyramidLevel): boolean {
  const scope = scopes.resolve(id);
  return !!scope && level.scopes.includes(scope);
}
