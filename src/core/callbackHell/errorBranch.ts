/** A level's error check: which `if` reads the error, what runs on error, and where the success path starts. */
import { referencesTo } from '../syntax/names';
import { jumpsOut } from '../syntax/nodes';
import { typescript, type TS } from '../syntax/typescript';

/**
 * Names the first parameter of an error-first callback goes by. Nested callbacks cannot all say
 * `err` without shadowing, so numbered and qualified names count too: `err2`, `e1`, `statErr`,
 * `readError`, `errRead`, `error_stat`.
 */
const ERROR_NAMES = /^_?(err|error|e|er|ex|exception)\d*_?$/i;
const QUALIFIED_ERROR_NAMES = /^(?:[a-z][a-zA-Z0-9]*(?:Err|Error)\d*|(?:err|error)(?:[A-Z]|_[a-zA-Z])\w*)$/;

export function isErrorName(name: string): boolean {
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
  /**
   * The check stays in the callback as written (a condition other than `if (err)`, a branch that returns
   * from inside itself or lets the success code run after it): the promise form that keeps it as it is.
   */
  guard: boolean;
  /** No `else` and the branch does not leave: the success code runs after it, on error too, as before. */
  fallsThrough: boolean;
}

export function readErrorBranch(
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
  | { reason: string } {
  const ts = typescript();
  const at = checkIndex(body.statements, errName, own);
  const prelude = body.statements.slice(0, Math.max(0, at));
  const [check, ...rest] = body.statements.slice(Math.max(0, at));
  if (!check || !ts.isIfStatement(check)) {
    const uses = referencesTo(body, errName).some(own);
    return {
      reason: uses
        ? `the callback does not start with \`if (${errName})\`; the fix can't tell what it does on error`
        : `the callback ignores its error \`${errName}\`; a promise would reject instead`,
    };
  }
  const plain = ts.isIdentifier(check.expression) && check.expression.text === errName;
  // Any other check of the error (`if (err || !user)`, `if (err != null)`) stays in the callback as it
  // is written, so it decides what runs exactly as before; it must read the error, or it is no check of it.
  if (!plain && !referencesTo(check.expression, errName).some(own)) {
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
    if (ts.isIfStatement(s) && referencesTo(s.expression, errName).some(own)) return i;
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
