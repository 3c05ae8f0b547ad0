import type { Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

/**
 * A promise that never settles. A step that returns it ends the chain there, as a `return` before the
 * next call ended the pyramid: the steps after it never run, as the callbacks below were never called.
 */
export const STOP = 'new Promise(() => {})';

/**
 * Edits that make every `return` of a step's code before its next call end the chain: `return;` becomes
 * `return new Promise(() => {});`, and `return f(x);` becomes `{ f(x); return new Promise(() => {}); }`
 * (what a callback returned went to its caller, which by the convention reads nothing). Each edit stays
 * on one line of the original, where the re-indenting copy applies it; the first return that can't be
 * rewritten that way (its value spans lines, or is not a call) when there is one.
 */
export function stopEdits(
  statements: readonly TS.Statement[],
  sf: TS.SourceFile,
): { edits: Edit[] } | { unmovable: TS.ReturnStatement } {
  const ts = typescript();
  const edits: Edit[] = [];
  let unmovable: TS.ReturnStatement | undefined;
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: TS.Node): void => {
    if (unmovable || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (!ts.isReturnStatement(node)) {
      ts.forEachChild(node, visit);
      return;
    }
    const start = node.getStart(sf);
    const end = node.getEnd();
    const value = node.expression;
    if (!value) {
      edits.push({ start, end, text: `return ${STOP};` });
      return;
    }
    // A call is a statement as it is; other values (object literals, functions) would need care for nothing.
    if (!ts.isCallExpression(value) || lineOf(value.getEnd()) !== lineOf(end)) {
      unmovable = node;
      return;
    }
    // Braces only where one statement is expected (`if (x) return f();`); in a block, two statements.
    const single = !ts.isBlock(node.parent) && !ts.isCaseClause(node.parent) && !ts.isDefaultClause(node.parent);
    edits.push({ start, end: value.getStart(sf), text: single ? '{ ' : '' });
    edits.push({ start: value.getEnd(), end, text: `; return ${STOP};${single ? ' }' : ''}` });
  };
  for (const s of statements) visit(s);
  return unmovable ? { unmovable } : { edits };
}
