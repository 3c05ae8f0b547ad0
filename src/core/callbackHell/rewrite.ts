import type { Analysis, Finding } from './analyze';
import { findHoists, planHoists, type Hoist } from './hoist';
import { utilImport, type ModuleInfo } from './modules';
import { declaredBy, readPyramid, type Pyramid, type PyramidLevel } from './pyramid';
import { bindingNames, referencedNames } from '../syntax/names';
import { dottedLastName, isInside, lineOf, returnsFrom } from '../syntax/nodes';
import { STOP, stopEdits } from './stops';
import { applyEdits, commentsIn, indentAt, reindent, type Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

export type Style = 'then' | 'async';

/** `fs` methods whose promise twin in `fs.promises` takes the same arguments and resolves to the same value. */
const FS_PROMISES = new Set([
  'readFile',
  'writeFile',
  'appendFile',
  'readdir',
  'stat',
  'lstat',
  'mkdir',
  'rmdir',
  'rm',
  'unlink',
  'rename',
  'access',
  'copyFile',
  'readlink',
  'symlink',
  'realpath',
  'chmod',
  'chown',
  'utimes',
  'mkdtemp',
  'truncate',
  'cp',
]);
/** Functions with a custom `util.promisify` that resolves to something else than the callback's value. */
const CUSTOM_PROMISIFY = new Set(['exec', 'execFile', 'lookup', 'exists', 'setTimeout', 'setImmediate', 'setInterval']);

interface Context {
  text: string;
  sf: TS.SourceFile;
  pyramid: Pyramid;
  modules: ModuleInfo;
  templates: Array<[number, number]>;
  unit: string;
  /** Every identifier in the file and every name this rewrite made: fresh names avoid all of them. */
  taken: Taken;
  needsUtil: boolean;
  canAddUtil: boolean;
  /** TypeScript: generated promises get type arguments. */
  typed: boolean;
  /** Keyword deletions that turn hoisted declarations into assignments. */
  edits: Edit[];
  /** Names declared above the chain, in the block around it. */
  declares: string[];
  style: Style;
}

export type Rewrite =
  { edits: Edit[]; declares?: { block: string; names: string[] }; addsImport?: boolean } | { reason: string };

/** Rewrites the pyramid `finding` points at into one flat `.then` chain or one async function. */
export function rewritePyramid(analysis: Analysis, finding: Finding, style: Style): Rewrite {
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
    templates: facts.templates,
    unit: indentUnit(read.levels[0], text),
    taken: new Taken(facts.names),
    needsUtil: false,
    typed: analysis.kind === 'TS' || analysis.kind === 'TSX',
    canAddUtil: modules.style !== 'unknown' && (modules.promisify !== undefined || facts.utilFree),
    edits: [],
    declares: [],
    style,
  };
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

function emitThen(ctx: Context): string | { reason: string } {
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
  const problem = planHoists(ctx.pyramid, hoists, ctx.sf, (base) => fresh(ctx, base), ctx.edits);
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

function emitAsync(ctx: Context): string | { reason: string } {
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
    if (level.nestedNext && level.index + 1 < levels.length)
      return {
        reason: `level ${level.index + 2} runs only on some paths of level ${level.index + 1}; one async function can't express when it runs (the .then chain can)`,
      };
    const nextIndex = level.index + 1 < levels.length ? level.next : -1;
    const post = nextIndex >= 0 ? (level.body as TS.Statement[]).slice(nextIndex + 1) : [];
    if (post.some((s) => returnsFrom(s)))
      return {
        reason: `level ${level.index + 1} returns after starting level ${level.index + 2}; the rest would no longer run`,
      };
    if (level.values.some((p) => p.initializer && level.values.length === 1))
      return { reason: `level ${level.index + 1}'s parameter has a default value` };
  }
  const lines: string[] = [];
  let promise = promiseOf(ctx, first, L);
  for (let i = 0; i < levels.length; i++) {
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
      if (names.length > 0) lines.push(`${L}let ${names.join(', ')};`);
      lines.push(`${L}try {`);
      if (names.length === 0) lines.push(`${L}${U}await ${promise};`);
      else if (target.startsWith('{')) lines.push(`${L}${U}(${target} = await ${promise});`);
      else lines.push(`${L}${U}${target} = await ${promise};`);
      lines.push(`${L}} catch (${level.error!.name}) {`, ...handlerLines(ctx, level, L + U, false));
      if (!level.error!.exits) lines.push(`${L}${U}return;`);
      lines.push(`${L}}`);
    } else if (names.length === 0) {
      lines.push(`${L}await ${promise};`);
    } else {
      lines.push(`${L}${assigned ? 'let' : 'const'} ${target} = await ${promise};`);
    }
    if (!Array.isArray(level.body)) {
      if (next) promise = promiseOf(ctx, next, L);
      else {
        const expr = sourceOf(ctx, level.body as TS.Expression);
        lines.push(`${L}${/^(\{|function\b|class\b|let\s*\[)/.test(expr) ? `(${expr})` : expr};`);
      }
    } else if (next) {
      const call = level.body[level.next];
      lines.push(...segment(ctx, level.bodyStart, call.getStart(sf), L));
      const post = segment(ctx, call.getEnd(), level.bodyEnd, L);
      promise = promiseOf(ctx, next, L);
      if (post.length > 0) {
        const name = fresh(ctx, 'next');
        lines.push(`${L}const ${name} = ${promise};`, ...post);
        promise = name;
      }
    } else {
      lines.push(...segment(ctx, level.bodyStart, level.bodyEnd, L));
    }
  }
  const out = `void (async () => {\n${lines.join('\n')}\n`;
  return `${out}${I}})();`;
}

/** Identifiers that run inside step `j`'s handler: its success code and the next call's arguments. */
function stepReferences(levels: PyramidLevel[], j: number): TS.Identifier[] {
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
  for (const node of nodes)
    for (const id of referencedNames(node).get(name) ?? [])
      if (ctx.pyramid.scopes.resolve(id) === level.callback) return id;
  return undefined;
}

function handlerLines(ctx: Context, level: PyramidLevel, indent: string, dropBareReturn: boolean): string[] {
  const ts = typescript();
  const statements = [...level.error!.statements];
  const last = statements[statements.length - 1];
  if (dropBareReturn && last && ts.isReturnStatement(last) && !last.expression) statements.pop();
  if (statements.length === 0) return [];
  const branch = level.error!.ifStatement.thenStatement;
  const start = ts.isBlock(branch) ? branch.getStart(ctx.sf) + 1 : statements[0].getStart(ctx.sf);
  return segment(ctx, start, statements[statements.length - 1].getEnd(), indent);
}

/**
 * The promise for one level's call: Node's promise API, util.promisify, or a `new Promise` around the call.
 * A level that handles its own error keeps its `if (err)` in the callback, where it ran before: on error
 * the promise never settles, so nothing after it runs, and the handler runs (and throws) as it did.
 * `indent` is the indentation of the line the promise starts on.
 */
function promiseOf(ctx: Context, level: PyramidLevel, indent: string): string {
  const ts = typescript();
  const { call, callback, callbackIndex } = level;
  const sf = ctx.sf;
  const callee = sourceOf(ctx, call.expression);
  const args = call.arguments.map((a) => sourceOf(ctx, a));
  const used = new Set<string>(referencedNames(call.expression).keys());
  for (const a of call.arguments) if (a !== callback) for (const n of referencedNames(a).keys()) used.add(n);
  const local = (base: string): string => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}${k}`;
    return name;
  };
  const error = level.error;
  if (error && !error.rethrows && (ctx.style === 'then' || error.guard))
    return guardedPromise(ctx, level, indent, args, used);
  const last = callbackIndex === call.arguments.length - 1;
  const others = args.filter((_, k) => k !== callbackIndex).join(', ');
  const many = level.values.length > 1;
  if (level.errorFirst && !many && last) {
    const name = dottedLastName(call.expression);
    const object = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
    if (object && ts.isIdentifier(object) && ctx.modules.fs.has(object.text) && name && FS_PROMISES.has(name)) {
      return `${object.text}.promises.${name}(${others})`;
    }
    const plain =
      !object ||
      ts.isIdentifier(object) ||
      (ts.isPropertyAccessExpression(object) && /^[\w$.]+$/.test(object.getText(sf)));
    if (ctx.canAddUtil && plain && name && !CUSTOM_PROMISIFY.has(name) && !ts.isCallExpression(call.expression)) {
      ctx.needsUtil = true;
      const promisify = ctx.modules.promisify ?? 'util.promisify';
      const fn = object ? `${callee}.bind(${sourceOf(ctx, object)})` : callee;
      return `${promisify}(${fn})(${others})`;
    }
  }
  const resolve = local('resolve');
  // In TypeScript the promise carries the type the callback declared, so later steps type-check.
  const typed = level.values.map((p) => p.type?.getText(sf));
  const generic =
    ctx.typed && typed.length > 0 && typed.every((t) => t)
      ? `<${typed.length === 1 ? typed[0] : `[${typed.join(', ')}]`}>`
      : '';
  let replacement: string;
  if (level.errorFirst) {
    const reject = local('reject');
    const err = local('err');
    if (many) {
      const values = local('values');
      replacement = `(${err}, ...${values}) => (${err} ? ${reject}(${err}) : ${resolve}(${values}))`;
    } else if (level.values.length === 1) {
      const value = local('value');
      replacement = `(${err}, ${value}) => (${err} ? ${reject}(${err}) : ${resolve}(${value}))`;
    } else {
      replacement = `(${err}) => (${err} ? ${reject}(${err}) : ${resolve}())`;
    }
    const withCallback = args.map((a, k) => (k === callbackIndex ? replacement : a)).join(', ');
    return `new Promise${generic}((${resolve}, ${reject}) => ${callee}(${withCallback}))`;
  }
  if (many) {
    const values = local('values');
    replacement = `(...${values}) => ${resolve}(${values})`;
  } else {
    replacement = resolve;
  }
  const withCallback = args.map((a, k) => (k === callbackIndex ? replacement : a)).join(', ');
  return `new Promise${generic}((${resolve}) => ${callee}(${withCallback}))`;
}

/** `new Promise((resolve) => f(x, (err, v) => { if (err) ...; resolve(v); }))`, the check as written. */
function guardedPromise(ctx: Context, level: PyramidLevel, indent: string, args: string[], used: Set<string>): string {
  const ts = typescript();
  const { call, callback, callbackIndex } = level;
  const sf = ctx.sf;
  const error = level.error!;
  const U = ctx.unit;
  for (const n of referencedNames(error.ifStatement.expression).keys()) used.add(n);
  for (const st of [...error.prelude, ...error.statements]) for (const n of referencedNames(st).keys()) used.add(n);
  for (const p of callback.parameters) for (const n of bindingNames(p.name)) used.add(n);
  const local = (base: string): string => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}${k}`;
    used.add(name);
    return name;
  };
  const resolve = local('resolve');
  const names = level.values.map((p) => (ts.isIdentifier(p.name) ? p.name.text : local('value')));
  const params = [
    callback.parameters[0].getText(sf),
    ...level.values.map((p, k) =>
      ts.isIdentifier(p.name) ? p.getText(sf) : `${names[k]}${p.type ? `: ${p.type.getText(sf)}` : ''}`,
    ),
  ];
  const value = names.length === 0 ? '' : names.length === 1 ? names[0] : `[${names.join(', ')}]`;
  const typed = level.values.map((p) => p.type?.getText(sf));
  const generic =
    ctx.typed && typed.length > 0 && typed.every((t) => t)
      ? `<${typed.length === 1 ? typed[0] : `[${typed.join(', ')}]`}>`
      : '';
  const inner = indent + U;
  const check = error.ifStatement;
  // What ran before the check runs before it still, on error or not.
  const prelude =
    error.prelude.length > 0 ? segment(ctx, error.prelude[0].getStart(sf), check.getStart(sf), inner) : [];
  let lines: string[];
  if (error.exits || error.fallsThrough) {
    // As written: a branch that leaves stops here; one that does not lets `resolve` run after it, as the success code did.
    lines = segment(ctx, check.getStart(sf), check.thenStatement.getEnd(), inner);
  } else {
    lines = [
      `${inner}if (${sourceOf(ctx, check.expression)}) {`,
      ...handlerLines(ctx, level, inner + U, false),
      `${inner}${U}return;`,
      `${inner}}`,
    ];
  }
  lines.unshift(...prelude);
  lines.push(`${inner}${resolve}(${value});`);
  const wrapper = `(${params.join(', ')}) => {\n${lines.join('\n')}\n${indent}}`;
  const withCallback = args.map((a, k) => (k === callbackIndex ? wrapper : a)).join(', ');
  return `new Promise${generic}((${resolve}) => ${sourceOf(ctx, call.expression)}(${withCallback}))`;
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

/** The node's source with the rewrite's edits inside it applied (renamed variables). */
function sourceOf(ctx: Context, node: TS.Node): string {
  const start = node.getStart(ctx.sf);
  const end = node.getEnd();
  const inside = ctx.edits
    .filter((e) => e.start >= start && e.end <= end)
    .map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return applyEdits(ctx.text.slice(start, end), inside);
}

function segment(ctx: Context, start: number, end: number, indent: string, outdent?: number): string[] {
  if (end <= start) return [];
  return reindent(ctx.text, start, end, indent, ctx.templates, ctx.edits, outdent);
}

/** The file's names (shared by every plan of the file, never changed) and the ones this rewrite added. */
class Taken {
  private readonly added = new Set<string>();
  constructor(private readonly file: ReadonlySet<string>) {}
  has(name: string): boolean {
    return this.file.has(name) || this.added.has(name);
  }
  add(name: string): void {
    this.added.add(name);
  }
}

function fresh(ctx: Context, base: string): string {
  let name = base;
  for (let k = 2; ctx.taken.has(name); k++) name = `${base}${k}`;
  ctx.taken.add(name);
  return name;
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
