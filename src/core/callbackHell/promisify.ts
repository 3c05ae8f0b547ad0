/**
 * The promise for one level's call, by the promisify rules: `fs.promises`, `util.promisify`, or a
 * `new Promise` around the call that keeps the level's own error check where it ran.
 */
import { bindingNames, referencedNames } from '../syntax/names';
import { dottedLastName } from '../syntax/nodes';
import { typescript } from '../syntax/typescript';
import { segment, sourceOf, type Context } from './emitContext';
import type { PyramidLevel } from './pyramid';

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

export function handlerLines(ctx: Context, level: PyramidLevel, indent: string, dropBareReturn: boolean): string[] {
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
export function promiseOf(ctx: Context, level: PyramidLevel, indent: string): string {
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
