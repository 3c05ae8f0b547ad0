/** Rewrites a pyramid: reads it, checks what every style needs, emits one of the two forms and places the edits. */
import type { Analysis, Finding } from './analyze';
import { emitAsync } from './emitAsync';
import { Taken, type Context, type Style } from './emitContext';
import { emitThen } from './emitThen';
import { utilImport } from './modules';
import { readPyramid, type PyramidLevel } from './pyramid';
import { bindingNames, referencedNames, referencesTo } from '../syntax/names';
import { lineOf } from '../syntax/nodes';
import { commentsIn, indentAt, type Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

export type { Style };

export type Rewrite =
  { edits: Edit[]; declares?: { block: string; names: string[] }; addsImport?: boolean } | { reason: string };

/** Rewrites the pyramid `finding` points at into one flat `.then` chain or one async function. */
export function rewritePyramid(
  analysis: Analysis,
  finding: Finding,
  style: Style,
  reserved: ReadonlySet<string> = new Set(),
): Rewrite {
  const read = readPyramid(analysis, finding);
  if ('reason' in read) return read;
  const { sourceFile: sf, text } = analysis.parsed;
  const facts = read.facts;
  const modules = facts.modules;
  const ctx: Context = {
    text,
    sf,
    pyramid: read,
    modules,
    templates: facts.templatesFor(read.levels[0].statement!),
    unit: indentUnit(read.levels[0], text),
    taken: new Taken(facts.names),
    needsUtil: false,
    typed: analysis.kind === 'TS' || analysis.kind === 'TSX',
    canAddUtil: modules.style !== 'unknown' && (modules.promisify !== undefined || facts.utilFree),
    edits: [],
    declares: [],
    reserved,
    style,
  };
  for (const name of reserved) ctx.taken.add(name);
  const levels = read.levels;
  const statement = levels[0].statement!;
  const problem = guardProblem(ctx);
  if (problem) return { reason: problem };
  const body = style === 'then' ? emitThen(ctx) : emitAsync(ctx);
  if (typeof body !== 'string') return body;

  const start = statement.getStart(sf);
  const end = statement.getEnd();
  // Comments the rewrite had no place for go above it, so none is lost.
  const lost = /\/[/*]/.test(text.slice(start, end)) ? missing(commentsIn(sf, statement, start, end), body) : [];
  const indent = indentAt(text, start);
  const prefix = lost.map((c) => `${c}\n${indent}`).join('');
  const edits: Edit[] = [{ start, end, text: prefix + body }];
  if (ctx.needsUtil && !ctx.modules.promisify) {
    const after = ctx.modules.insertAfter;
    const first = ctx.modules.firstStatement!;
    if (after)
      edits.push({
        start: after.getEnd(),
        end: after.getEnd(),
        text: `\n${indentAt(text, after.getStart(sf))}${utilImport(ctx.modules)}`,
      });
    else if (first.getStart(sf) === start) edits[0].text = `${utilImport(ctx.modules)}\n${indent}${edits[0].text}`;
    else
      edits.push({
        start: first.getStart(sf),
        end: first.getStart(sf),
        text: `${utilImport(ctx.modules)}\n${indentAt(text, first.getStart(sf))}`,
      });
  }
  const holder = statement.parent;
  const block = `${holder.kind}:${holder.pos}:${holder.end}`;
  return {
    edits,
    addsImport: ctx.needsUtil && !ctx.modules.promisify,
    ...(ctx.declares.length > 0 ? { declares: { block, names: ctx.declares } } : {}),
  };
}

/** Why a level's guard can't stay in its callback: it reads a value the wrapper has no name for. */
function guardProblem(ctx: Context): string | undefined {
  const ts = typescript();
  for (const level of ctx.pyramid.levels) {
    const read = successReadsError(ctx, level);
    if (read)
      return `level ${level.index + 1}'s success code reads its error \`${read.text}\` (line ${lineOf(read)}), which a step after the promise does not have`;
  }
  for (const level of ctx.pyramid.levels) {
    const error = level.error;
    if (!error || error.rethrows) continue;
    const read = new Set<string>(referencedNames(error.ifStatement.expression).keys());
    for (const st of [...error.prelude, ...error.statements]) for (const n of referencedNames(st).keys()) read.add(n);
    for (const p of level.values) {
      if (ts.isIdentifier(p.name)) continue;
      const bound = bindingNames(p.name).find((n) => read.has(n));
      if (bound)
        return `level ${level.index + 1}'s error check reads \`${bound}\`, which comes out of a destructuring pattern`;
    }
  }
  return undefined;
}

/** A read of the level's error parameter in its success code (empty there, but a name the step lacks). */
function successReadsError(ctx: Context, level: PyramidLevel): TS.Identifier | undefined {
  const ts = typescript();
  const first = level.callback.parameters[0];
  if (!level.errorFirst || !first || !ts.isIdentifier(first.name)) return undefined;
  const name = first.name.text;
  const nodes: readonly TS.Node[] = Array.isArray(level.body) ? level.body : [level.body as TS.Expression];
  // Levels below bind their own error names: they are not walked (each level asks for itself).
  for (const node of nodes)
    for (const id of referencesTo(node, name, true)) if (ctx.pyramid.scopes.resolve(id) === level.callback) return id;
  return undefined;
}

/** The file's indentation step, read from how far level 1's body is indented past its statement. */
function indentUnit(level: PyramidLevel, text: string): string {
  const outer = indentAt(text, level.statement!.getStart());
  const body = level.callback.body;
  const typescriptApi = typescript();
  if (typescriptApi.isBlock(body) && body.statements.length > 0) {
    const inner = indentAt(text, body.statements[0].getStart());
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return '  ';
}

/** Comments from the original that the rewrite does not contain, in order. */
function missing(comments: string[], body: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const c of comments) {
    const at = body.indexOf(c.trim(), from);
    if (at === -1) out.push(c);
    else from = at + c.length;
  }
  return out;
}
