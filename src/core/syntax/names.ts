/** Small readers of names in TypeScript syntax, shared by the handler locator, the scope resolver and the callback-hell rules. */
import type * as TS from 'typescript';
import { typescript } from './typescript';

/** `object.name`, `object.#name` and `object['name']`, taken apart. */
export function propertyKey(e: TS.Expression): { object: TS.Expression; name: string } | undefined {
  const ts = typescript();
  if (ts.isPropertyAccessExpression(e) && (ts.isIdentifier(e.name) || ts.isPrivateIdentifier(e.name)))
    return { object: e.expression, name: e.name.text };
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))
    return { object: e.expression, name: e.argumentExpression.text };
  return undefined;
}

/** A member's name as written, or undefined when it is computed. */
export function nameOf(name: TS.PropertyName): string | undefined {
  const ts = typescript();
  if (
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name)
  )
    return name.text;
  return undefined;
}

export function hasStatic(node: TS.Node): boolean {
  const ts = typescript();
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/** The expression after `extends`. */
export function baseOf(klass: TS.ClassLikeDeclaration): TS.Expression | undefined {
  const ts = typescript();
  const clause = klass.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  return clause?.types[0]?.expression;
}

/** A class's name: its own, or the variable a class expression is assigned to. */
export function classNameOf(klass: TS.ClassLikeDeclaration): string | undefined {
  const ts = typescript();
  if (klass.name) return klass.name.text;
  return ts.isVariableDeclaration(klass.parent) && ts.isIdentifier(klass.parent.name)
    ? klass.parent.name.text
    : undefined;
}

/** Names bound by a parameter or a binding pattern. */
export function bindingNames(name: TS.BindingName, into: string[] = []): string[] {
  const ts = typescript();
  if (ts.isIdentifier(name)) into.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
  return into;
}

/** Every identifier in `node` that reads or writes a variable (not a property name or a label), by name. */
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

/**
 * The identifiers named `name` in `node` that read or write a variable, in source order: what
 * `referencedNames(node).get(name)` gives, without a map of every other name (only identifiers of that
 * name are looked at closely). With `outerOnly`, functions that bind `name` themselves (a parameter, or
 * a function expression's own name) are not entered: nothing in them reads the variable outside.
 */
export function referencesTo(node: TS.Node, name: string, outerOnly = false): TS.Identifier[] {
  const ts = typescript();
  const found: TS.Identifier[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) {
      if (n.text === name && isReference(n)) found.push(n);
      return;
    }
    if (outerOnly && n !== node && ts.isFunctionLike(n) && bindsItself(n, name)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** True when a function binds `name` for its own body: a parameter, or a function expression's own name. */
export function bindsItself(fn: TS.SignatureDeclaration, name: string): boolean {
  const ts = typescript();
  if (ts.isFunctionExpression(fn) && fn.name?.text === name) return true;
  return fn.parameters.some((p) => bindingNames(p.name).includes(name));
}

/** True when the identifier names a variable: not a property name, a label, a type or an import's other name. */
export function isReference(id: TS.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return true;
  // One switch on the parent's kind: this runs for every identifier of a file.
  const { SyntaxKind } = typescript();
  switch (parent.kind) {
    case SyntaxKind.PropertyAccessExpression:
      return (parent as TS.PropertyAccessExpression).name !== id;
    case SyntaxKind.PropertyAssignment:
    case SyntaxKind.MethodDeclaration:
    case SyntaxKind.PropertyDeclaration:
    case SyntaxKind.GetAccessor:
    case SyntaxKind.SetAccessor:
      return (parent as TS.NamedDeclaration).name !== id;
    case SyntaxKind.LabeledStatement:
    case SyntaxKind.BreakStatement:
    case SyntaxKind.ContinueStatement:
    case SyntaxKind.TypeReference:
    case SyntaxKind.PropertySignature:
    case SyntaxKind.JsxAttribute:
      return false;
    case SyntaxKind.QualifiedName:
      return (parent as TS.QualifiedName).right !== id;
    case SyntaxKind.BindingElement:
      return (parent as TS.BindingElement).propertyName !== id;
    case SyntaxKind.ImportSpecifier:
    case SyntaxKind.ExportSpecifier:
      return (parent as TS.ImportSpecifier | TS.ExportSpecifier).name === id;
    default:
      return true;
  }
}
