/** Readers of TypeScript syntax trees shared by the hover, the handler locator and the analysis. */
import type * as TS from 'typescript';
import { typescript } from './typescript';

/** 0-based offset of a 1-based trace position, or undefined when the text has no such place. */
export function offsetOf(sourceFile: TS.SourceFile, line1: number, column1: number): number | undefined {
  const starts = sourceFile.getLineStarts();
  const line0 = line1 - 1;
  if (!Number.isInteger(line0) || line0 < 0 || line0 >= starts.length) return undefined;
  const lineEnd = line0 + 1 < starts.length ? starts[line0 + 1] : sourceFile.text.length;
  return Math.min(starts[line0] + Math.max(0, column1 - 1), Math.max(starts[line0], lineEnd - 1));
}

/** The nodes from the source file down to the innermost one whose text contains `offset`. */
export function pathTo(sourceFile: TS.SourceFile, offset: number): TS.Node[] {
  const path: TS.Node[] = [];
  let node: TS.Node | undefined = sourceFile;
  while (node) {
    path.push(node);
    node = childAt(node, offset, sourceFile);
  }
  return path;
}

/** Each node's children in source order, kept: a trace looks up thousands of places in one file. */
const childLists = new WeakMap<TS.Node, TS.Node[]>();

/** The child whose text contains `offset`, found by halving: children do not overlap and are in order. */
function childAt(node: TS.Node, offset: number, sourceFile: TS.SourceFile): TS.Node | undefined {
  let children = childLists.get(node);
  if (!children) {
    const list: TS.Node[] = [];
    typescript().forEachChild(node, (child) => {
      list.push(child);
    });
    children = list;
    childLists.set(node, children);
  }
  // The first child ending after `offset`; it holds `offset` unless `offset` is in the trivia before it.
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (children[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  const child = children[low];
  return child && child.getStart(sourceFile) <= offset ? child : undefined;
}

export function isFunctionLike(node: TS.Node): node is TS.FunctionLikeDeclaration {
  const ts = typescript();
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

export function isAsyncFunction(node: TS.Node): boolean {
  const ts = typescript();
  return isFunctionLike(node) && (ts.getCombinedModifierFlags(node as TS.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** An expression without the parentheses, type assertions and `!` around it. */
export function skipOuter(node: TS.Expression): TS.Expression {
  const ts = typescript();
  let e = node;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/**
 * The name a call is made by, seen through parentheses and casts: `then` for `p.then(...)`, `loadUser`
 * for `loadUser(1)`, `m` for `o['m']()`. (`dottedLastName` reads only names written with dots.)
 */
export function calleeName(call: TS.CallExpression | TS.NewExpression): string | undefined {
  const ts = typescript();
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee) || ts.isPrivateIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression))
    return callee.argumentExpression.text;
  return undefined;
}

/**
 * The last name of an expression written as a name or a chain of dotted names, nothing else:
 * `fs.readFile` → readFile, `describe.only` → only, `(f)` and `o['m']` → undefined. The callback-hell
 * rules read callees this way: a callee written otherwise is not one they know by name.
 */
export function dottedLastName(expression: TS.Expression): string | undefined {
  const ts = typescript();
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** The first name of a chain of dotted names: `describe.only` → describe, `fs.promises.readFile` → fs. */
export function dottedFirstName(expression: TS.Expression): string | undefined {
  const ts = typescript();
  let current: TS.Expression = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

/** True when `node` is `container` or inside it (parent pointers must be set). */
export function isInside(node: TS.Node, container: TS.Node): boolean {
  for (let n: TS.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

/** The 1-based line a node starts on (parent pointers must be set). */
export function lineOf(node: TS.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** True when `fn` uses `this` or `arguments` of its own (arrows inside it share them). */
export function usesOwnThis(fn: TS.Node): boolean {
  const ts = typescript();
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) found = true;
    else if (ts.isIdentifier(node) && node.text === 'arguments') found = true;
    else if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isClassLike(node) ||
      ts.isAccessor(node) ||
      ts.isConstructorDeclaration(node)
    )
      return;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

/**
 * True when `node` holds a `return`, or a `break`/`continue` that leaves `node` (not inside a nested
 * function, or a loop or label of its own). `returnsFrom` counts only the `return`s.
 */
export function jumpsOut(node: TS.Node): boolean {
  const ts = typescript();
  let found = false;
  const visit = (n: TS.Node, inLoop: boolean, labels: Set<string>): void => {
    if (found) return;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      found = true;
      return;
    }
    if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) {
      if (n.label ? !labels.has(n.label.text) : !inLoop) {
        found = true;
        return;
      }
      return;
    }
    if (ts.isLabeledStatement(n)) {
      const next = new Set(labels).add(n.label.text);
      ts.forEachChild(n, (c) => visit(c, inLoop, next));
      return;
    }
    const loop = inLoop || ts.isIterationStatement(n, false) || ts.isSwitchStatement(n);
    ts.forEachChild(n, (c) => visit(c, loop, labels));
  };
  visit(node, false, new Set());
  return found;
}

/** True when `node` holds a `return` of the function it is in (not one of a nested function or class). */
export function returnsFrom(node: TS.Node): boolean {
  const ts = typescript();
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * 1 for each kind of node `test` accepts, probed once per kind with a bare `{ kind }`: a table lookup per
 * node where a walk over every node would otherwise make several calls. Only for tests that read the kind
 * alone (`ts.isFunctionLike`, `ts.isClassLike`, ...).
 */
export function kindTable(test: (probe: TS.Node) => boolean): Uint8Array {
  const table = new Uint8Array(typescript().SyntaxKind.Count);
  for (let kind = 0; kind < table.length; kind++) table[kind] = test({ kind } as TS.Node) ? 1 : 0;
  return table;
}
