/**
 * The function an expression evaluates to, as far as the source says without running it: a function
 * written there; a name declared as one, in this file or exported by a relative import or `require`;
 * a method read off `this`, an object literal, a class or a module; `f.bind(...)`, which runs `f`.
 * What the source cannot settle (a parameter, a name or property assigned again, a method a subclass
 * in the same file overrides, a package, a computed key) stays unknown: a wrong place would mislead
 * more than none.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type * as TS from 'typescript';
import type { Scopes } from '../syntax/scope';
import { skipOuter } from '../syntax/nodes';
import { typescript } from '../syntax/typescript';
import { declarationOf, isAssignedOnThis, isOverriddenBelow, isPropertyReplaced, isReassigned } from './sourceIndex';
import { baseOf, hasStatic, nameOf, propertyKey } from '../syntax/names';

export interface OpenedSource {
  file: string;
  sourceFile: TS.SourceFile;
  scopes: Scopes;
}

/** The parsed source of a file, or undefined when it cannot be read. */
export type OpenSource = (file: string) => OpenedSource | undefined;

export interface FoundFunction {
  node: TS.Node;
  source: OpenedSource;
}

type Value =
  | { kind: 'function'; node: TS.Node; source: OpenedSource }
  | { kind: 'object'; node: TS.ObjectLiteralExpression; source: OpenedSource }
  | { kind: 'class'; node: TS.ClassLikeDeclaration; source: OpenedSource }
  | { kind: 'module'; source: OpenedSource };

/** Links followed from the argument to the function: enough for real code, and cycles end. */
const MAX_STEPS = 16;

export function functionOf(
  expression: TS.Expression,
  source: OpenedSource,
  open: OpenSource,
): FoundFunction | undefined {
  const value = new Follower(open).value(expression, source);
  return value?.kind === 'function' ? { node: value.node, source: value.source } : undefined;
}

class Follower {
  private steps = 0;

  constructor(private readonly open: OpenSource) {}

  value(node: TS.Expression, source: OpenedSource): Value | undefined {
    if (++this.steps > MAX_STEPS) return undefined;
    const ts = typescript();
    const e = skipOuter(node);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { kind: 'function', node: e, source };
    if (ts.isClassExpression(e)) return { kind: 'class', node: e, source };
    if (ts.isObjectLiteralExpression(e)) return { kind: 'object', node: e, source };
    if (ts.isIdentifier(e)) return this.named(e, source);
    if (ts.isCallExpression(e)) return this.called(e, source);
    const key = propertyKey(e);
    if (key === undefined) return undefined;
    const { object, name } = key;
    if (object.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(object, name, source);
    if (ts.isIdentifier(object) && isPropertyReplaced(object, name, source.sourceFile, source.scopes)) return undefined;
    const owner = this.value(object, source);
    return owner && this.member(owner, name);
  }

  /** `require('./x')`, and `f.bind(...)`, which runs `f`. */
  private called(call: TS.CallExpression, source: OpenedSource): Value | undefined {
    const ts = typescript();
    const callee = skipOuter(call.expression);
    if (ts.isIdentifier(callee) && callee.text === 'require' && !source.scopes.resolve(callee)) {
      const [specifier] = call.arguments;
      const module = specifier && ts.isStringLiteralLike(specifier) ? this.module(specifier.text, source) : undefined;
      // A CommonJS module that sets `module.exports` is that value; otherwise its exports object.
      return module?.kind === 'module' && setsModuleExports(module.source.sourceFile)
        ? this.exported(module.source, 'default')
        : module;
    }
    const key = propertyKey(callee);
    if (key?.name !== 'bind') return undefined;
    const target = this.value(key.object, source);
    return target?.kind === 'function' ? target : undefined;
  }

  /** What a name is declared as in its scope, when it is never assigned again. */
  private named(id: TS.Identifier, source: OpenedSource): Value | undefined {
    const ts = typescript();
    const scope = source.scopes.resolve(id);
    if (!scope || isReassigned(id, scope, source.sourceFile, source.scopes)) return undefined;
    const declaration = declarationOf(id.text, scope, source.sourceFile, source.scopes);
    if (!declaration) return undefined;
    if (ts.isFunctionDeclaration(declaration))
      return declaration.body ? { kind: 'function', node: declaration, source } : undefined;
    if (ts.isClassDeclaration(declaration)) return { kind: 'class', node: declaration, source };
    if (ts.isVariableDeclaration(declaration))
      return declaration.initializer && this.value(declaration.initializer, source);
    if (ts.isBindingElement(declaration)) {
      const pattern = declaration.parent;
      const holder = pattern.parent;
      if (
        !ts.isObjectBindingPattern(pattern) ||
        !ts.isVariableDeclaration(holder) ||
        !holder.initializer ||
        declaration.dotDotDotToken
      )
        return undefined;
      const key = declaration.propertyName ?? declaration.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return undefined;
      const owner = this.value(holder.initializer, source);
      return owner && this.member(owner, key.text);
    }
    const imported = importOf(declaration);
    if (!imported) return undefined;
    const module = this.module(imported.specifier, source);
    if (!module || imported.name === '*') return module;
    return this.member(module, imported.name);
  }

  private member(owner: Value, name: string): Value | undefined {
    switch (owner.kind) {
      case 'object':
        return this.objectMember(owner.node, name, owner.source);
      case 'class':
        return this.classMember(owner.node, name, true, owner.source);
      case 'module':
        return this.exported(owner.source, name);
      default:
        return undefined;
    }
  }

  /** The last property of that name wins, unless a spread after it may replace it. */
  private objectMember(object: TS.ObjectLiteralExpression, name: string, source: OpenedSource): Value | undefined {
    const ts = typescript();
    const property = objectMembers(object).get(name);
    if (property) {
      if (ts.isMethodDeclaration(property)) return { kind: 'function', node: property, source };
      if (ts.isPropertyAssignment(property)) return this.value(property.initializer, source);
      if (ts.isShorthandPropertyAssignment(property)) return this.value(property.name, source);
    }
    return undefined;
  }

  /** `this.name` in a class's method, field or static block. */
  private thisMember(self: TS.Node, name: string, source: OpenedSource): Value | undefined {
    const ts = typescript();
    for (let node = self.parent; node; node = node.parent) {
      if (ts.isArrowFunction(node)) continue;
      const owner = node.parent;
      const member =
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isAccessor(node) ||
        ts.isPropertyDeclaration(node) ||
        ts.isClassStaticBlockDeclaration(node);
      if (member && owner && ts.isClassLike(owner)) {
        const isStatic = ts.isClassStaticBlockDeclaration(node) || hasStatic(node);
        return this.classMember(owner, name, isStatic, source, true);
      }
      // Any other function has a `this` of its caller's choosing.
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return undefined;
    }
    return undefined;
  }

  /**
   * A class's own member, else its base class's when the base is known. Read through `this`, a
   * subclass in the same file that declares the member too could be what runs: then it is unknown.
   */
  private classMember(
    klass: TS.ClassLikeDeclaration,
    name: string,
    isStatic: boolean,
    source: OpenedSource,
    viaThis = false,
  ): Value | undefined {
    const ts = typescript();
    if (
      viaThis &&
      (isAssignedOnThis(klass, name, source.sourceFile) || isOverriddenBelow(klass, name, source.sourceFile))
    )
      return undefined;
    const found = classMembers(klass).get(`${isStatic ? 'static ' : ''}${name}`);
    if (found && ts.isMethodDeclaration(found))
      return found.body ? { kind: 'function', node: found, source } : undefined;
    if (found && ts.isPropertyDeclaration(found)) return found.initializer && this.value(found.initializer, source);
    if (found) return undefined;
    const base = baseOf(klass);
    const baseValue = base && this.value(base, source);
    return baseValue?.kind === 'class' ? this.classMember(baseValue.node, name, isStatic, baseValue.source) : undefined;
  }

  /** What a module exports under a name; `default` of a CommonJS module is its `module.exports`. */
  private exported(source: OpenedSource, name: string): Value | undefined {
    const ts = typescript();
    let found: Value | undefined;
    let unknown = false;
    const take = (value: Value | undefined): void => {
      found = value;
      unknown = value === undefined;
    };
    for (const statement of source.sourceFile.statements) {
      if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
        if (exportedAs(statement) !== name) continue;
        take(
          ts.isFunctionDeclaration(statement)
            ? statement.body
              ? { kind: 'function', node: statement, source }
              : undefined
            : { kind: 'class', node: statement, source },
        );
      } else if (ts.isVariableStatement(statement) && exportedAs(statement) !== undefined) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name)
            take(this.value(declaration.name, source));
        }
      } else if (ts.isExportAssignment(statement) && !statement.isExportEquals && name === 'default') {
        take(this.value(statement.expression, source));
      } else if (
        ts.isExportDeclaration(statement) &&
        statement.exportClause &&
        ts.isNamedExports(statement.exportClause)
      ) {
        for (const specifier of statement.exportClause.elements) {
          if (specifier.name.text !== name) continue;
          const local = specifier.propertyName ?? specifier.name;
          const from = statement.moduleSpecifier;
          if (from && ts.isStringLiteralLike(from)) {
            const module = this.module(from.text, source);
            take(module && ts.isIdentifier(local) ? this.member(module, local.text) : undefined);
          } else {
            take(ts.isIdentifier(local) ? this.value(local, source) : undefined);
          }
        }
      } else if (ts.isExpressionStatement(statement)) {
        const assignment = commonJsExport(statement.expression);
        if (!assignment) continue;
        if (assignment.name === undefined) {
          // `module.exports = value`: the module is that value from here on.
          const value = this.value(assignment.value, source);
          take(name === 'default' ? value : value && this.member(value, name));
        } else if (assignment.name === name) {
          take(this.value(assignment.value, source));
        }
      }
    }
    return unknown ? undefined : found;
  }

  /** A relative module as Node would find it next to the importing file (TypeScript: `./x.js` is `./x.ts`). */
  private module(specifier: string, from: OpenedSource): Value | undefined {
    if (!/^\.{1,2}(\/|$)/.test(specifier)) return undefined;
    const base = resolvePath(dirname(from.file), specifier);
    const typed = /\.[mc]?js$/.test(base) ? [base.replace(/js$/, 'ts')] : [];
    const candidates = [
      base,
      ...typed,
      ...['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.ts'].map((ext) => base + ext),
    ];
    for (const file of candidates) {
      const source = this.open(file);
      if (source) return { kind: 'module', source };
    }
    return undefined;
  }
}

/** The name a top-level declaration is exported under, or undefined when it is not exported. */
function exportedAs(
  statement: TS.FunctionDeclaration | TS.ClassDeclaration | TS.VariableStatement,
): string | undefined {
  const ts = typescript();
  const modifiers = ts.getModifiers(statement) ?? [];
  if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return 'default';
  return ts.isVariableStatement(statement) ? '' : statement.name?.text;
}

/** `module.exports = v` (no name), `exports.f = v` or `module.exports.f = v`. */
function commonJsExport(e: TS.Expression): { name: string | undefined; value: TS.Expression } | undefined {
  const ts = typescript();
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = skipOuter(e.left);
  if (isModuleExports(target)) return { name: undefined, value: e.right };
  const key = propertyKey(target);
  if (!key) return undefined;
  const object = skipOuter(key.object);
  if ((ts.isIdentifier(object) && object.text === 'exports') || isModuleExports(object))
    return { name: key.name, value: e.right };
  return undefined;
}

function setsModuleExports(sourceFile: TS.SourceFile): boolean {
  const ts = typescript();
  return sourceFile.statements.some(
    (s) =>
      ts.isExpressionStatement(s) &&
      commonJsExport(s.expression)?.name === undefined &&
      commonJsExport(s.expression) !== undefined,
  );
}

function isModuleExports(e: TS.Expression): boolean {
  const ts = typescript();
  return (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'module' &&
    e.name.text === 'exports'
  );
}

/** The import a declaration node is part of: `*` for a namespace, `default` for a default import. */
function importOf(node: TS.Node): { specifier: string; name: string } | undefined {
  const ts = typescript();
  let name: string;
  let clause: TS.Node = node;
  if (ts.isImportSpecifier(node)) {
    name = (node.propertyName ?? node.name).text;
    clause = node.parent.parent;
  } else if (ts.isNamespaceImport(node)) {
    name = '*';
    clause = node.parent;
  } else if (ts.isImportClause(node)) {
    name = 'default';
  } else {
    return undefined;
  }
  const declaration = clause.parent;
  if (
    !ts.isImportClause(clause) ||
    clause.isTypeOnly ||
    !ts.isImportDeclaration(declaration) ||
    !ts.isStringLiteralLike(declaration.moduleSpecifier)
  )
    return undefined;
  return { specifier: declaration.moduleSpecifier.text, name };
}

const objectMemberLists = new WeakMap<TS.ObjectLiteralExpression, Map<string, TS.ObjectLiteralElementLike | null>>();

/**
 * An object literal's members by name: the last of a name wins, and a spread after it may replace it
 * (then the name maps to null).
 */
function objectMembers(object: TS.ObjectLiteralExpression): Map<string, TS.ObjectLiteralElementLike | null> {
  let members = objectMemberLists.get(object);
  if (!members) {
    const ts = typescript();
    const list = new Map<string, TS.ObjectLiteralElementLike | null>();
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) for (const name of list.keys()) list.set(name, null);
      const name = ts.isSpreadAssignment(property) ? undefined : nameOf(property.name);
      if (name !== undefined) list.set(name, property);
    }
    members = list;
    objectMemberLists.set(object, members);
  }
  return members;
}

const classMemberLists = new WeakMap<TS.ClassLikeDeclaration, Map<string, TS.ClassElement>>();

/**
 * A class's members by name (`static name` for static ones). A field is set on the instance (or the
 * constructor) after the methods are defined, so it hides a method of that name; otherwise the last wins.
 */
function classMembers(klass: TS.ClassLikeDeclaration): Map<string, TS.ClassElement> {
  let members = classMemberLists.get(klass);
  if (!members) {
    const ts = typescript();
    const list = new Map<string, TS.ClassElement>();
    for (const element of klass.members) {
      const name = element.name && nameOf(element.name);
      if (name === undefined) continue;
      const key = `${hasStatic(element) ? 'static ' : ''}${name}`;
      const held = list.get(key);
      if (!held || !ts.isPropertyDeclaration(held) || ts.isPropertyDeclaration(element)) list.set(key, element);
    }
    members = list;
    classMemberLists.set(klass, members);
  }
  return members;
}
