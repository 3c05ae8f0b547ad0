/** The `.then` emitter: one flat chain, a step per level. */
import { findHoists, planHoists, type Hoist } from './hoist';
import type { PyramidLevel } from './pyramid';
import { referencedNames } from '../syntax/names';
import { lineOf, returnsFrom } from '../syntax/nodes';
import { typescript, type TS } from '../syntax/typescript';
import { fresh, segment, sourceOf, type Context } from './emitContext';
import { promiseOf } from './promisify';
import { STOP, stopEdits } from './stops';
import { indentAt } from './text';

export function emitThen(ctx: Context): string | { reason: string } {
  const {
    pyramid: { levels },
    text,
  } = ctx;
  const first = levels[0];
  const I = indentAt(text, first.statement!.getStart(ctx.sf));
  const U = ctx.unit;
  const inner = I + U + U;

  // A later step reading an earlier step's variable needs it declared above the chain.
  const hoists = findHoists(ctx.pyramid, (j) => stepReferences(levels, j));
  for (const level of levels.slice(0, -1)) {
    if (!Array.isArray(level.body)) continue;
    const body = level.body as readonly TS.Statement[];
    // A return before the next call ends the chain there (the step returns a promise that never settles);
    // one after it can't: the next step has started.
    if (body.slice(level.next + 1).some((s) => returnsFrom(s))) {
      return {
        reason: `level ${level.index + 1} can return after starting level ${level.index + 2}; a chain step can't stop the steps after it`,
      };
    }
    // A next level inside `if` branches: every path that does not reach it ends the chain, returns included.
    const stops = stopEdits(body.slice(0, level.nestedNext ? body.length : level.next), ctx.sf);
    if ('unmovable' in stops)
      return {
        reason: `level ${level.index + 1} returns a value before starting level ${level.index + 2} (line ${lineOf(stops.unmovable)}); the fix ends a chain only at \`return;\` or \`return f(...)\` on one line`,
      };
    ctx.edits.push(...stops.edits);
  }
  const problem = planHoists(ctx.pyramid, hoists, ctx.sf, (base) => fresh(ctx, base), ctx.edits, ctx.reserved);
  if (problem) return { reason: problem };
  let out = '';
  ctx.declares.push(...hoists.map((h) => h.as));
  if (hoists.length > 0) out += `let ${hoists.map((h) => h.as + typeOf(h.node, h.name)).join(', ')};\n${I}`;
  out += promiseOf(ctx, first, I);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    const next = levels[i + 1];
    const lines: string[] = [];
    const renamed = new Map<string, string>();
    const params = paramsOf(ctx, level, hoists, renamed);
    for (const [as, param] of renamed) lines.push(`${inner}${as} = ${param};`);
    let concise: string | undefined;
    if (!Array.isArray(level.body)) {
      const expr = next
        ? promiseOf(ctx, next, lines.length === 0 ? I + U : inner)
        : sourceOf(ctx, level.body as TS.Expression);
      if (lines.length === 0) concise = expr;
      else lines.push(`${inner}return ${expr};`);
    } else if (next && level.nestedNext) {
      // The step returns the next promise where the callback started the next level, and ends the chain
      // on every other path, as the callback ended there.
      const target = level.nestedNext;
      const base = indentAt(text, (level.body as TS.Statement[])[0].getStart(ctx.sf));
      const own = indentAt(text, target.getStart(ctx.sf));
      const at = inner + (own.startsWith(base) ? own.slice(base.length) : U);
      lines.push(...segment(ctx, level.bodyStart, target.getStart(ctx.sf), inner, base.length));
      lines.push(`${at}return ${promiseOf(ctx, next, at)};`);
      lines.push(...segment(ctx, target.getEnd(), level.bodyEnd, inner, base.length));
      lines.push(`${inner}return ${STOP};`);
    } else if (next) {
      const call = level.body[level.next];
      const pre = segment(ctx, level.bodyStart, call.getStart(ctx.sf), inner);
      const post = segment(ctx, call.getEnd(), level.bodyEnd, inner);
      lines.push(...pre);
      const promise = promiseOf(ctx, next, post.length > 0 || lines.length > 0 ? inner : I + U);
      if (post.length > 0) {
        const name = fresh(ctx, 'next');
        lines.push(`${inner}const ${name} = ${promise};`, ...post, `${inner}return ${name};`);
      } else if (lines.length === 0) {
        concise = promise;
      } else {
        lines.push(`${inner}return ${promise};`);
      }
    } else {
      lines.push(...segment(ctx, level.bodyStart, level.bodyEnd, inner));
    }
    if (concise !== undefined)
      out += `\n${I}${U}.then(${params} => ${concise.startsWith('{') ? `(${concise})` : concise})`;
    else out += `\n${I}${U}.then(${params} => {\n${lines.join('\n')}${lines.length ? '\n' : ''}${I}${U}})`;
  }
  return out + (first.statement!.getText(ctx.sf).endsWith(';') ? ';' : '');
}

/** Identifiers that run inside step `j`'s handler: its success code and the next call's arguments. */
export function stepReferences(levels: PyramidLevel[], j: number): TS.Identifier[] {
  const level = levels[j];
  const next = levels[j + 1];
  const nodes: TS.Node[] = [...level.values];
  if (Array.isArray(level.body)) {
    level.body.forEach((s, k) => {
      // An `if` holding the next call runs in this step, all of it (the next callback's reads count again in its own step).
      if (next && k === level.next && !level.nestedNext)
        nodes.push(next.call.expression, ...next.call.arguments.filter((a) => a !== next.callback));
      else nodes.push(s);
    });
  } else if (next) {
    nodes.push(next.call.expression, ...next.call.arguments.filter((a) => a !== next.callback));
  } else {
    nodes.push(level.body as TS.Expression);
  }
  // The next level's own error check runs in its callback, which this step now creates.
  if (next?.error && !next.error.rethrows)
    nodes.push(...next.error.prelude, next.error.ifStatement.expression, ...next.error.statements);
  const out: TS.Identifier[] = [];
  for (const n of nodes) for (const ids of referencedNames(n).values()) out.push(...ids);
  return out;
}

/** The step's parameters; one a later step reads gets a fresh name, and `renamed` maps its variable above the chain to it. */
function paramsOf(ctx: Context, level: PyramidLevel, hoists: readonly Hoist[], renamed: Map<string, string>): string {
  const ts = typescript();
  const text = (p: TS.ParameterDeclaration): string => {
    const name = ts.isIdentifier(p.name) ? p.name.text : undefined;
    const hoist = hoists.find((h) => h.level === level && h.name === name);
    if (hoist) {
      const param = fresh(ctx, `${hoist.as}Value`);
      renamed.set(hoist.as, param);
      return param;
    }
    return p.getText(ctx.sf);
  };
  if (level.values.length === 0) return '()';
  if (level.values.length === 1) return `(${text(level.values[0])})`;
  return `([${level.values.map(text).join(', ')}])`;
}

function typeOf(node: TS.Node, name: string): string {
  const ts = typescript();
  if (ts.isParameter(node) && node.type) return `: ${node.type.getText()}`;
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    if (d?.type) return `: ${d.type.getText()}`;
  }
  return '';
}
