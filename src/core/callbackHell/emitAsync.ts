/** The async/await emitter: one `async` function, one `try` per `await` for a level that handles its error. */
import { declaredBy } from './declared';
import type { PyramidLevel } from './pyramid';
import { bindingNames, referencedNames } from '../syntax/names';
import { isInside, lineOf, returnsFrom } from '../syntax/nodes';
import { typescript, type TS } from '../syntax/typescript';
import { fresh, segment, sourceOf, type Context } from './emitContext';
import { handlerLines, promiseOf } from './promisify';
import { indentAt } from './text';

export function emitAsync(ctx: Context): string | { reason: string } {
  const {
    pyramid: { levels, scopes },
    text,
    sf,
  } = ctx;
  const first = levels[0];
  const statement = first.statement!;
  const I = indentAt(text, statement.getStart(sf));
  const U = ctx.unit;
  // One `try` per `await`, never one around the steps: a step that throws stays uncaught as before.
  const L = I + U;

  // Every step now shares one scope: a name may be declared by one level only, and must not hide
  // an outer variable that pyramid code reads.
  const owner = new Map<string, PyramidLevel>();
  for (const level of levels) {
    for (const name of declaredBy(level).keys()) {
      if (level.error && name === level.error.name) continue;
      const before = owner.get(name);
      if (before)
        return {
          reason: `\`${name}\` is declared at level ${before.index + 1} and at level ${level.index + 1}; in one async function they would clash`,
        };
      owner.set(name, level);
    }
  }
  for (const [name, ids] of referencedNames(statement)) {
    if (!owner.has(name)) continue;
    for (const id of ids) {
      const scope = scopes.resolve(id);
      if (!scope || !isInside(scope, statement)) {
        return {
          reason: `\`${name}\` (line ${lineOf(id)}) reads a variable from outside that level ${owner.get(name)!.index + 1}'s \`${name}\` would hide`,
        };
      }
    }
  }
  for (const level of levels) {
    if (!Array.isArray(level.body)) continue;
    const nextIndex = level.index + 1 < levels.length ? level.next : -1;
    const post = nextIndex >= 0 ? (level.body as TS.Statement[]).slice(nextIndex + 1) : [];
    if (post.some((s) => returnsFrom(s)))
      return {
        reason: `level ${level.index + 1} returns after starting level ${level.index + 2}; the rest would no longer run`,
      };
    if (level.values.some((p) => p.initializer && level.values.length === 1))
      return { reason: `level ${level.index + 1}'s parameter has a default value` };
  }
  /**
   * The lines of level `i` and the levels below it at indentation `at`, `promise` being what it awaits.
   * A next level inside `if` branches goes where its call was, in that branch: it runs on the paths
   * the callback started it on, and every other path ends the function as it ended the callback (the
   * call is the last statement of its branch, each `if` the last of its block).
   */
  const levelLines = (i: number, at: string, promise: string): string[] => {
    const lines: string[] = [];
    const level = levels[i];
    const next = levels[i + 1];
    const own = level.error && !level.error.rethrows && !level.error.guard;
    const names = level.values.flatMap((p) => bindingNames(p.name));
    const assigned = names.some((n) => isAssigned(level.callback, n));
    const target =
      level.values.length === 1
        ? level.values[0].name.getText(sf)
        : `[${level.values.map((p) => p.getText(sf)).join(', ')}]`;
    if (own) {
      if (names.length > 0) lines.push(`${at}let ${names.join(', ')};`);
      lines.push(`${at}try {`);
      if (names.length === 0) lines.push(`${at}${U}await ${promise};`);
      else if (target.startsWith('{')) lines.push(`${at}${U}(${target} = await ${promise});`);
      else lines.push(`${at}${U}${target} = await ${promise};`);
      lines.push(`${at}} catch (${level.error!.name}) {`, ...handlerLines(ctx, level, at + U, false));
      if (!level.error!.exits) lines.push(`${at}${U}return;`);
      lines.push(`${at}}`);
    } else if (names.length === 0) {
      lines.push(`${at}await ${promise};`);
    } else {
      lines.push(`${at}${assigned ? 'let' : 'const'} ${target} = await ${promise};`);
    }
    if (!Array.isArray(level.body)) {
      if (next) lines.push(...levelLines(i + 1, at, promiseOf(ctx, next, at)));
      else {
        const expr = sourceOf(ctx, level.body as TS.Expression);
        lines.push(`${at}${/^(\{|function\b|class\b|let\s*\[)/.test(expr) ? `(${expr})` : expr};`);
      }
    } else if (next && level.nestedNext) {
      const body = level.body as TS.Statement[];
      const call = level.nestedNext;
      // The branch keeps its indentation relative to the level's first statement.
      const base = indentAt(text, body[0].getStart(sf));
      const where = indentAt(text, call.getStart(sf));
      const inside = at + (where.startsWith(base) ? where.slice(base.length) : U);
      lines.push(...segment(ctx, level.bodyStart, call.getStart(sf), at, base.length));
      lines.push(...levelLines(i + 1, inside, promiseOf(ctx, next, inside)));
      lines.push(...segment(ctx, call.getEnd(), level.bodyEnd, at, base.length));
    } else if (next) {
      const call = level.body[level.next];
      lines.push(...segment(ctx, level.bodyStart, call.getStart(sf), at));
      const post = segment(ctx, call.getEnd(), level.bodyEnd, at);
      let awaited = promiseOf(ctx, next, at);
      if (post.length > 0) {
        const name = fresh(ctx, 'next');
        lines.push(`${at}const ${name} = ${awaited};`, ...post);
        awaited = name;
      }
      lines.push(...levelLines(i + 1, at, awaited));
    } else {
      lines.push(...segment(ctx, level.bodyStart, level.bodyEnd, at));
    }
    return lines;
  };
  const lines = levelLines(0, L, promiseOf(ctx, first, L));
  const out = `void (async () => {\n${lines.join('\n')}\n`;
  return `${out}${I}})();`;
}

function isAssigned(fn: TS.Node, name: string): boolean {
  const ts = typescript();
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(node.left) &&
      node.left.text === name
    )
      found = true;
    else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      ts.isIdentifier(node.operand) &&
      node.operand.text === name &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    )
      found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}
