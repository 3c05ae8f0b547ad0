import type { Analysis, Finding } from './analyze';
import { calleeProblem, repeatsByName } from './callee';
import { factsOf, type FileFacts } from './facts';
import type { Scopes } from '../syntax/scope';
import { bindingNames, referencedNames } from '../syntax/names';
import { dottedLastName, jumpsOut, lineOf, usesOwnThis } from '../syntax/nodes';
import { typescript, type TS } from '../syntax/typescript';
import { isCallback, type CallbackNode } from './roles';

/**
 * Names the first parameter of an error-first callback goes by. Nested callbacks cannot all say
 * `err` without shadowing, so numbered and qualified names count too: `err2`, `e1`, `statErr`,
 * `readError`, `errRead`, `error_stat`.
 */
const ERROR_NAMES = /^_?(err|error|e|er|ex|exception)\d*_?$/i;
const QUALIFIED_ERROR_NAMES = /^(?:[a-z][a-zA-Z0-9]*(?:Err|Error)\d*|(?:err|error)(?:[A-Z]|_[a-zA-Z])\w*)$/;

function isErrorName(name: string): boolean {
  return ERROR_NAMES.test(name) || QUALIFIED_ERROR_NAMES.test(name);
}

/** How a level handles its error, when it is error-first. */
export interface ErrorBranch {
  name: string;
  ifStatement: TS.IfStatement;
  /** The statements that run on error (the `if` branch). */
  statements: readonly TS.Statement[];
  /**
   * Statements before the check (`emitter.emit('connect', err)`, `if (stopped) return db.close()`): they
   * ran on every call, error or not, and stay in the callback before the check. They declare nothing.
   */
  prelude: readonly TS.Statement[];
  /** The branch is exactly `throw err`: nothing to handle, the error propagates. */
  rethrows: boolean;
  /** Ends with return or throw, so the success path is what follows the `if`. */
  exits: boolean;
  /** The branch with the error's name blanked out, to compare levels. */
  key: string;
  /**
   * The check stays in the callback as written (a condition other than `if (err)`, a branch that returns
   * from inside itself or lets the success code run after it): the promise form that keeps it as it is.
   */
  guard: boolean;
  /** No `else` and the branch does not leave: the success code runs after it, on error too, as before. */
  fallsThrough: boolean;
}

/** One level of the pyramid: a statement `callee(args..., callback)` and what its callback does. */
export interface PyramidLevel {
  index: number;
  call: TS.CallExpression;
  /** The statement holding the call; undefined when it is the expression body of the level above. */
  statement: TS.ExpressionStatement | undefined;
  callback: CallbackNode;
  callbackIndex: number;
  errorFirst: boolean;
  error: ErrorBranch | undefined;
  values: readonly TS.ParameterDeclaration[];
  /** Success-path statements, or the expression body of an arrow. */
  body: readonly TS.Statement[] | TS.Expression;
  /** Where the success-path text starts and ends (for copying comments along). */
  bodyStart: number;
  bodyEnd: number;
  /** Scopes this level's own declarations live in. */
  scopes: TS.Node[];
  /** Index in `body` of the next level's statement, or of the `if` that holds it. */
  next: number;
  /**
   * The next level's statement when it sits inside `if` branches of `body[next]`, last in each: a `.then`
   * step returns its promise there and ends the chain on every other path, as the callback ended there.
   */
  nestedNext?: TS.ExpressionStatement;
}

export interface Pyramid {
  levels: PyramidLevel[];
  scopes: Scopes;
  facts: FileFacts;
}

export type Decline = { reason: string };

/** Reads the pyramid a finding points at, or the reason it can't be rewritten. */
export function readPyramid(analysis: Analysis, finding: Finding): Pyramid | Decline {
  const ts = typescript();
  const facts = factsOf(analysis.parsed.sourceFile, analysis.kind);
  const scopes = facts.scopes;
  const path = finding.path as CallbackNode[];
  const levels: PyramidLevel[] = [];
  for (let i = 0; i < path.length; i++) {
    const callback = path[i];
    const call = callback.parent as TS.CallExpression;
    const callee = call.expression.getText();
    const where = `level ${i + 1} (${callee.length <= 40 && !callee.includes('\n') ? callee : (dottedLastName(call.expression) ?? 'a call')}, line ${lineOf(call)})`;
    let statement: TS.ExpressionStatement | undefined;
    if (i === 0) {
      if (!ts.isExpressionStatement(call.parent))
        return { reason: `${where}: the result of the call is used, so it can't become a chain step` };
      statement = call.parent;
      const holder = statement.parent;
      if (
        !ts.isBlock(holder) &&
        !ts.isSourceFile(holder) &&
        !ts.isModuleBlock(holder) &&
        !ts.isCaseClause(holder) &&
        !ts.isDefaultClause(holder)
      ) {
        return { reason: `${where}: the call is not a statement of a block` };
      }
    } else {
      const above = levels[i - 1];
      const found = findNext(above, call) ?? findInBranches(above, call);
      if (found === undefined)
        return {
          reason: `${where} runs conditionally or in a loop inside level ${i} (not a plain statement of its callback), so a flat chain can't express when it runs`,
        };
      if (typeof found === 'number') {
        above.next = found;
        statement = Array.isArray(above.body) ? (above.body[found] as TS.ExpressionStatement) : undefined;
      } else {
        above.next = found.index;
        above.nestedNext = found.statement;
        statement = found.statement;
      }
    }
    const functionArgs = call.arguments.filter((a) => isCallback(a));
    if (functionArgs.length > 1)
      return { reason: `${where} takes ${functionArgs.length} callbacks; only one can become the promise` };
    if (call.arguments.some((a) => ts.isSpreadElement(a))) return { reason: `${where} spreads its arguments` };
    if (callback.asteriskToken || callback.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      return { reason: `${where}: the callback is async or a generator` };
    }
    if (ts.isFunctionExpression(callback) && usesOwnThis(callback)) {
      return {
        reason: `${where}: the callback uses its own \`this\` or \`arguments\`, which a chain step would not have`,
      };
    }
    if (ts.isFunctionExpression(callback) && callback.name) {
      const self = callback.name.text;
      const refs = referencedNames(callback.body).get(self) ?? [];
      if (refs.some((r) => scopes.resolve(r) === callback))
        return { reason: `${where}: the callback calls itself by name (${self})` };
    }
    if (callback.parameters.some((p) => p.dotDotDotToken))
      return { reason: `${where}: the callback takes rest parameters` };
    const problem = repeatsByName(call) ?? calleeProblem(call, call.arguments.indexOf(callback), facts);
    if (problem) return { reason: problem };

    const first = callback.parameters[0];
    const errorFirst =
      !!first &&
      ts.isIdentifier(first.name) &&
      isErrorName(first.name.text) &&
      !first.initializer &&
      (callback.parameters.length >= 2 || startsWithCheck(callback, first.name.text));
    const values = errorFirst ? callback.parameters.slice(1) : callback.parameters;
    const level: PyramidLevel = {
      index: i,
      call,
      statement,
      callback,
      callbackIndex: call.arguments.indexOf(callback),
      errorFirst,
      error: undefined,
      values,
      body: [],
      bodyStart: 0,
      bodyEnd: 0,
      scopes: [callback],
      next: -1,
    };
    const body = callback.body;
    if (!ts.isBlock(body)) {
      if (errorFirst)
        return {
          reason: `${where}: the callback ignores its error \`${(first.name as TS.Identifier).text}\`; a promise would reject instead`,
        };
      level.body = body;
      level.bodyStart = body.getStart();
      level.bodyEnd = body.getEnd();
    } else if (errorFirst) {
      const errName = (first.name as TS.Identifier).text;
      const read = readErrorBranch(body, errName, (id) => scopes.resolve(id) === callback);
      if ('reason' in read) return { reason: `${where}: ${read.reason}` };
      level.error = read.branch;
      level.body = read.success;
      level.bodyStart = read.successStart;
      level.bodyEnd = read.successEnd;
      if (read.elseBlock) level.scopes.push(read.elseBlock);
    } else {
      level.body = body.statements;
      level.bodyStart = body.getStart() + 1;
      level.bodyEnd = body.getEnd() - 1;
    }
    levels.push(level);
  }
  return { levels, scopes, facts };
}

function startsWithCheck(callback: CallbackNode, name: string): boolean {
  const ts = typescript();
  const first = ts.isBlock(callback.body) ? callback.body.statements[0] : undefined;
  return !!first && ts.isIfStatement(first) && ts.isIdentifier(first.expression) && first.expression.text === name;
}

/** The index of the statement in `above`'s success path that is `call`, or undefined. */
function findNext(above: PyramidLevel, call: TS.CallExpression): number | undefined {
  const ts = typescript();
  if (!Array.isArray(above.body)) {
    let expr = above.body as TS.Expression;
    while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
    return expr === call ? -2 : undefined;
  }
  const statements = above.body as readonly TS.Statement[];
  const index = statements.findIndex((s) => ts.isExpressionStatement(s) && s.expression === call);
  return index === -1 ? undefined : index;
}

/**
 * The next level's call inside `if` branches of `above`'s success path: its statement is the last of its
 * branch, and each `if` on the way the last of its own block, up to one that is the last statement of
 * the level. No loop, `try`, `switch` or label on the way: only which branch runs decides.
 */
function findInBranches(
  above: PyramidLevel,
  call: TS.CallExpression,
): { index: number; statement: TS.ExpressionStatement } | undefined {
  const ts = typescript();
  if (!Array.isArray(above.body) || !ts.isExpressionStatement(call.parent) || call.parent.expression !== call)
    return undefined;
  const statements = above.body as readonly TS.Statement[];
  const statement = call.parent;
  let node: TS.Statement = statement;
  for (;;) {
    const parent: TS.Node = node.parent;
    if (statements.includes(node)) {
      const index = statements.indexOf(node);
      return node !== statement && index === statements.length - 1 ? { index, statement } : undefined;
    }
    if (ts.isBlock(parent)) {
      if (parent.statements[parent.statements.length - 1] !== node || !ts.isIfStatement(parent.parent))
        return undefined;
      node = parent.parent;
    } else if (ts.isIfStatement(parent)) {
      node = parent;
    } else {
      return undefined;
    }
  }
}

function readErrorBranch(
  body: TS.Block,
  errName: string,
  own: (id: TS.Identifier) => boolean,
):
  | {
      branch: ErrorBranch;
      success: readonly TS.Statement[];
      successStart: number;
      successEnd: number;
      elseBlock?: TS.Block;
    }
  | Decline {
  const ts = typescript();
  const at = checkIndex(body.statements, errName, own);
  const prelude = body.statements.slice(0, Math.max(0, at));
  const [check, ...rest] = body.statements.slice(Math.max(0, at));
  if (!check || !ts.isIfStatement(check)) {
    const uses = (referencedNames(body).get(errName) ?? []).some(own);
    return {
      reason: uses
        ? `the callback does not start with \`if (${errName})\`; the fix can't tell what it does on error`
        : `the callback ignores its error \`${errName}\`; a promise would reject instead`,
    };
  }
  const plain = ts.isIdentifier(check.expression) && check.expression.text === errName;
  // Any other check of the error (`if (err || !user)`, `if (err != null)`) stays in the callback as it
  // is written, so it decides what runs exactly as before; it must read the error, or it is no check of it.
  if (!plain && !(referencedNames(check.expression).get(errName) ?? []).some(own)) {
    return {
      reason: `the callback starts with \`if (${check.expression.getText()})\`, which does not read its error \`${errName}\`; the fix can't tell what it does on error`,
    };
  }
  const thenStatements = ts.isBlock(check.thenStatement) ? check.thenStatement.statements : [check.thenStatement];
  const last = thenStatements[thenStatements.length - 1];
  const exits = !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
  const rethrows =
    thenStatements.length === 1 &&
    ts.isThrowStatement(last) &&
    ts.isIdentifier(last.expression) &&
    last.expression.text === errName;
  const returnsInside = thenStatements.slice(0, -1).some((s) => jumpsOut(s));
  const fallsThrough = !exits && !check.elseStatement;
  const branch: ErrorBranch = {
    name: errName,
    ifStatement: check,
    statements: thenStatements,
    rethrows: rethrows && plain && !returnsInside,
    exits,
    key: keyOf(thenStatements, errName),
    prelude,
    guard: !plain || returnsInside || fallsThrough || prelude.length > 0,
    fallsThrough,
  };
  if (check.elseStatement) {
    if (rest.length > 0 && !exits)
      return { reason: `statements after \`if (${errName}) ... else ...\` run on both paths` };
    if (rest.length > 0) return { reason: `statements follow \`if (${errName}) ... else ...\`` };
    const elseStatement = check.elseStatement;
    if (ts.isBlock(elseStatement)) {
      return {
        branch,
        success: elseStatement.statements,
        successStart: elseStatement.getStart() + 1,
        successEnd: elseStatement.getEnd() - 1,
        elseBlock: elseStatement,
      };
    }
    return {
      branch,
      success: [elseStatement],
      successStart: elseStatement.getFullStart(),
      successEnd: elseStatement.getEnd(),
    };
  }
  return { branch, success: rest, successStart: check.getEnd(), successEnd: body.getEnd() - 1 };
}

/**
 * The index of the statement that checks the error: the first `if` whose condition reads it, after
 * statements that declare nothing (they stay before it in the callback); 0 when there is none such.
 */
function checkIndex(statements: readonly TS.Statement[], errName: string, own: (id: TS.Identifier) => boolean): number {
  const ts = typescript();
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (ts.isIfStatement(s) && (referencedNames(s.expression).get(errName) ?? []).some(own)) return i;
    if (declares(s)) return 0;
  }
  return 0;
}

/** True when the statement declares a name in the callback's scope (its own, or a `var` inside it). */
function declares(statement: TS.Statement): boolean {
  const ts = typescript();
  if (ts.isVariableStatement(statement) || ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))
    return true;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(statement, visit);
  return found;
}

/**
 * The tokens of `statements`, with the error's own name blanked, so `err` and `error` compare equal.
 * Read with the scanner (whitespace and comments skipped), not through the tree's token nodes, which
 * TypeScript would create for every statement of every level.
 */
function keyOf(statements: readonly TS.Statement[], errName: string): string {
  const ts = typescript();
  if (statements.length === 0) return '';
  const sf = statements[0].getSourceFile();
  const blanks = new Set<number>();
  for (const s of statements) for (const id of referencedNames(s).get(errName) ?? []) blanks.add(id.getStart(sf));
  const start = statements[0].getStart(sf);
  const end = statements[statements.length - 1].getEnd();
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    sf.languageVariant,
    sf.text,
    undefined,
    start,
    end - start,
  );
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    tokens.push(blanks.has(scanner.getTokenStart()) ? '\u0000' : scanner.getTokenText());
  }
  return tokens.join(' ');
}

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
