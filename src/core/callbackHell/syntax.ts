import { typescript, type TS } from './typescript';

export type CallbackNode = TS.FunctionExpression | TS.ArrowFunction;

export const ARRAY_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);

export const TEST_BLOCKS = new Set([
  'describe',
  'it',
  'test',
  'context',
  'suite',
  'specify',
  'before',
  'after',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'xdescribe',
  'xit',
  'fdescribe',
  'fit',
]);

export const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

export function isCallback(node: TS.Node): node is CallbackNode {
  const ts = typescript();
  return ts.isFunctionExpression(node) || ts.isArrowFunction(node);
}

/** The last name of a callee: `fs.readFile` → readFile, `describe.only` → only. */
export function calleeName(expression: TS.Expression): string | undefined {
  const ts = typescript();
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** The first name of a callee: `describe.only` → describe, `fs.promises.readFile` → fs. */
export function calleeRoot(expression: TS.Expression): string | undefined {
  const ts = typescript();
  let current: TS.Expression = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

export type CallbackRole = 'async' | 'array' | 'test' | 'promise' | 'other';

/** What a function passed to `call` stands for: an async callback counts as a level, the rest do not. */
export function roleOf(call: TS.CallExpression): CallbackRole {
  const name = calleeName(call.expression);
  const root = calleeRoot(call.expression);
  const ts = typescript();
  if (name && ts.isPropertyAccessExpression(call.expression)) {
    if (PROMISE_METHODS.has(name)) return 'promise';
    if (ARRAY_METHODS.has(name)) return 'array';
  }
  if ((name && TEST_BLOCKS.has(name) && ts.isIdentifier(call.expression)) || (root && TEST_BLOCKS.has(root)))
    return 'test';
  return 'async';
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

/** True when `node` contains return/break/continue that leaves `node` (not inside a nested function or loop). */
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

/** Every identifier in `node` that reads or writes a variable (not a property name or a label). */
export function referencedNames(
  node: TS.Node,
  into: Map<string, TS.Identifier[]> = new Map(),
): Map<string, TS.Identifier[]> {
  const ts = typescript();
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) {
      if (isReference(n)) {
        const list = into.get(n.text);
        if (list) list.push(n);
        else into.set(n.text, [n]);
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return into;
}

export function isReference(id: TS.Identifier): boolean {
  const ts = typescript();
  const parent = id.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isAccessor(parent)) &&
    parent.name === id
  )
    return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakStatement(parent) || ts.isContinueStatement(parent)) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isPropertySignature(parent) || ts.isJsxAttribute(parent)) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return parent.name === id;
  return true;
}

/** The indentation of the line `offset` is on. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

export { bindingNames } from '../syntax/names';
