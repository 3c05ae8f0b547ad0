/** Reads the levels of a pyramid: each call, its callback, the error check, the success path. */
import type { Analysis, Finding } from './analyze';
import { calleeProblem, repeatsByName } from './callee';
import { isErrorName, readErrorBranch, type ErrorBranch } from './errorBranch';
import { factsOf, type FileFacts } from './facts';
import type { Scopes } from '../syntax/scope';
import { referencesTo } from '../syntax/names';
import { dottedLastName, lineOf, usesOwnThis } from '../syntax/nodes';
import { typescript, type TS } from '../syntax/typescript';
import { isCallback, type CallbackNode } from './roles';

export type { ErrorBranch };

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
      const refs = referencesTo(callback.body, self);
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
