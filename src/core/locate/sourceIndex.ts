/**
 * What a file declares and writes, indexed once per parse: where each name is declared, which names are assigned again, which properties are
 * assigned, deleted or handed to `Object.assign` and the like, and which classes extend which. The
 * handler resolver asks these for every argument it follows; walking the file per question would cost
 * time proportional to handlers × file size.
 */
import type * as TS from 'typescript';
import { skipOuter } from '../syntax/nodes';
import { typescript } from '../syntax/typescript';
import type { Scopes } from '../syntax/scope';
import { baseOf, classNameOf, nameOf, propertyKey } from '../syntax/names';

interface SourceIndex {
  /** Functions, classes, variables, binding elements and imports, by the name they declare. */
  declarations: Map<string, TS.Node[]>;
  /** Identifiers assigned to, by name. */
  names: Map<string, TS.Identifier[]>;
  /** Property writes by property name (`*` for a computed key or a whole-object mutation): the object written to and the write. */
  properties: Map<string, { object: TS.Expression; write: TS.Node }[]>;
  /** Classes by the name they extend. */
  subclasses: Map<string, TS.ClassLikeDeclaration[]>;
}

const indexes = new WeakMap<TS.SourceFile, SourceIndex>();

function indexOf(sourceFile: TS.SourceFile): SourceIndex {
  let index = indexes.get(sourceFile);
  if (!index) {
    index = build(sourceFile);
    indexes.set(sourceFile, index);
  }
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(sourceFile: TS.SourceFile): SourceIndex {
  const ts = typescript();
  const index: SourceIndex = {
    declarations: new Map(),
    names: new Map(),
    properties: new Map(),
    subclasses: new Map(),
  };
  const visit = (node: TS.Node): void => {
    const declared = declaredName(node);
    if (declared !== undefined) push(index.declarations, declared, node);
    if (ts.isIdentifier(node) && isWrittenTo(node)) push(index.names, node.text, node);
    else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (isWrittenTo(node) || ts.isDeleteExpression(node.parent))
        push(index.properties, propertyKey(node)?.name ?? '*', { object: node.expression, write: node });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && isObjectMutator(node.expression)) {
      push(index.properties, '*', { object: node.arguments[0], write: node });
    } else if (ts.isClassLike(node)) {
      const base = baseOf(node);
      const inner = base && skipOuter(base);
      if (inner && ts.isIdentifier(inner)) push(index.subclasses, inner.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return index;
}

function declaredName(node: TS.Node): string | undefined {
  const ts = typescript();
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportClause(node)) return node.name?.text;
  if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name))
    return node.name.text;
  if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) return node.name.text;
  return undefined;
}

/** The node that declares `name` directly in `scope`: a function, class, variable, binding element or import. */
export function declarationOf(
  name: string,
  scope: TS.Node,
  sourceFile: TS.SourceFile,
  scopes: Scopes,
): TS.Node | undefined {
  return indexOf(sourceFile)
    .declarations.get(name)
    ?.find((node) => scopes.resolveName(name, node.parent) === scope);
}

/** An assignment's target, `x++`, a destructuring assignment's target or `for (x of ...)`. */
function isWrittenTo(node: TS.Expression): boolean {
  const ts = typescript();
  let target: TS.Node = node;
  for (;;) {
    const parent = target.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isSpreadAssignment(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      ts.isObjectLiteralExpression(parent) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === target)
    ) {
      target = parent;
      continue;
    }
    // Inside a literal, only a literal on the left of `=` (or a for-of head) assigns.
    const nested = target !== node && !ts.isParenthesizedExpression(target);
    if (ts.isBinaryExpression(parent)) {
      const kind = parent.operatorToken.kind;
      return (
        parent.left === target &&
        (nested
          ? kind === ts.SyntaxKind.EqualsToken
          : kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment)
      );
    }
    if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === target) return true;
    if (nested) return false;
    return (
      (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)
    );
  }
}

function isObjectMutator(callee: TS.Expression): boolean {
  const ts = typescript();
  const key = propertyKey(skipOuter(callee));
  return (
    !!key &&
    ts.isIdentifier(key.object) &&
    ['Object', 'Reflect'].includes(key.object.text) &&
    ['assign', 'defineProperty', 'defineProperties', 'set', 'setPrototypeOf'].includes(key.name)
  );
}

/** Whether the variable `id` reads (declared in `scope`) is assigned anywhere besides its declaration. */
export function isReassigned(id: TS.Identifier, scope: TS.Node, sourceFile: TS.SourceFile, scopes: Scopes): boolean {
  return (indexOf(sourceFile).names.get(id.text) ?? []).some((written) => scopes.resolve(written) === scope);
}

/**
 * Whether `object.name` may hold something else than what `object` was declared with: assigned
 * (`api.load = ...`), deleted, assigned through a computed key, or handed to `Object.assign` / `Object.defineProperty`.
 */
export function isPropertyReplaced(
  object: TS.Identifier,
  name: string,
  sourceFile: TS.SourceFile,
  scopes: Scopes,
): boolean {
  const ts = typescript();
  const scope = scopes.resolve(object);
  const properties = indexOf(sourceFile).properties;
  return [...(properties.get(name) ?? []), ...(properties.get('*') ?? [])].some(({ object: written }) => {
    const inner = skipOuter(written);
    return ts.isIdentifier(inner) && inner.text === object.text && scopes.resolve(inner) === scope;
  });
}

/**
 * `this.name = value` in a class: the instance's own property hides the class's member. The usual
 * `this.name = this.name.bind(this)` keeps what runs, so it is not counted.
 */
export function isAssignedOnThis(klass: TS.ClassLikeDeclaration, name: string, sourceFile: TS.SourceFile): boolean {
  const ts = typescript();
  const writes = [
    ...(indexOf(sourceFile).properties.get(name) ?? []),
    ...(indexOf(sourceFile).properties.get('*') ?? []),
  ];
  return writes.some(({ object, write }) => {
    if (object.kind !== ts.SyntaxKind.ThisKeyword || !within(write, klass)) return false;
    const assignment = write.parent;
    return !(ts.isBinaryExpression(assignment) && assignment.left === write && isSelfBind(assignment.right, name));
  });
}

function within(node: TS.Node, ancestor: TS.Node): boolean {
  for (let current: TS.Node | undefined = node; current; current = current.parent)
    if (current === ancestor) return true;
  return false;
}

function isSelfBind(e: TS.Expression, name: string): boolean {
  const ts = typescript();
  const call = skipOuter(e);
  if (!ts.isCallExpression(call)) return false;
  const bind = propertyKey(skipOuter(call.expression));
  const method = bind?.name === 'bind' ? propertyKey(skipOuter(bind.object)) : undefined;
  return method?.name === name && method.object.kind === ts.SyntaxKind.ThisKeyword;
}

/** Whether a class in the same file extends `klass` (by name, at any depth) and declares or assigns `name` itself. */
export function isOverriddenBelow(klass: TS.ClassLikeDeclaration, name: string, sourceFile: TS.SourceFile): boolean {
  const subclasses = indexOf(sourceFile).subclasses;
  const seen = new Set<TS.ClassLikeDeclaration>([klass]);
  const pending = [klass];
  while (pending.length > 0) {
    const className = classNameOf(pending.pop() as TS.ClassLikeDeclaration);
    for (const sub of (className && subclasses.get(className)) || []) {
      if (seen.has(sub)) continue;
      seen.add(sub);
      if (sub.members.some((m) => m.name && nameOf(m.name) === name) || isAssignedOnThis(sub, name, sourceFile))
        return true;
      pending.push(sub);
    }
  }
  return false;
}
