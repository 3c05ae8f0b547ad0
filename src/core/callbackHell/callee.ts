import type { FileFacts } from './facts';
import { typescript, type TS } from '../syntax/typescript';
import { dottedLastName, lineOf } from '../syntax/nodes';
import { ARRAY_METHODS, isCallback } from './roles';

/** Callees that run a function they are given later, exactly once. */
const ONCE_LATER = new Set(['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask']);
/** Callees that may run a function they are given many times. */
const MANY_TIMES = new Set([
  'setInterval',
  'on',
  'addListener',
  'addEventListener',
  'prependListener',
  'subscribe',
  'watch',
  ...ARRAY_METHODS,
]);
/** Methods that register handlers: a route or a server calls its handler once per request. */
const HANDLERS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'all',
  'use',
  'route',
  'createServer',
  'listen',
  'handle',
  'subscribe',
  'observe',
  'onmessage',
]);

/** Why a callee defined anywhere, known only by its name, may call its callback more than once. */
export function repeatsByName(call: TS.CallExpression): string | undefined {
  const ts = typescript();
  const name = dottedLastName(call.expression);
  if (!name) return undefined;
  if (MANY_TIMES.has(name))
    return `${call.expression.getText()} may call its callback more than once (a listener, an interval or an array method); a promise settles only once`;
  if (HANDLERS.has(name) && ts.isPropertyAccessExpression(call.expression)) {
    return `${call.expression.getText()} registers a handler that may run once per request or event; a promise settles only once`;
  }
  return undefined;
}

/**
 * Why a callback-taking function defined in the same file can't become a promise, or undefined when
 * it calls its callback at most once, later (not before it returns), and as the last thing it does.
 * Functions defined elsewhere follow the Node convention (once, later); nothing can be checked there.
 */
export function calleeProblem(call: TS.CallExpression, callbackIndex: number, facts: FileFacts): string | undefined {
  const ts = typescript();
  if (!ts.isIdentifier(call.expression)) return undefined;
  const name = call.expression.text;
  const fn = definitionOf(call.expression, facts);
  if (!fn || !fn.body) return undefined;
  let known = facts.calleeProblems.get(fn);
  if (!known) facts.calleeProblems.set(fn, (known = new Map()));
  const key = `${callbackIndex}:${name}`;
  if (!known.has(key)) known.set(key, problemOf(fn, name, callbackIndex, facts));
  return known.get(key);
}

/** Why `fn`, called as `name` with its callback at `callbackIndex`, can't become a promise; undefined when it can. */
function problemOf(
  fn: TS.FunctionLikeDeclaration,
  name: string,
  callbackIndex: number,
  facts: FileFacts,
): string | undefined {
  const ts = typescript();
  const scopes = facts.scopes;
  const param = fn.parameters[callbackIndex];
  if (!param) return undefined;
  if (param.dotDotDotToken || !ts.isIdentifier(param.name))
    return `${name} reads its callback in a way the fix can't follow`;
  const cb = param.name.text;
  const line = lineOf;

  const sites: TS.CallExpression[] = [];
  const passed: TS.Identifier[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === cb && scopes.resolve(node) === fn) {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.expression === node) sites.push(parent);
      else if (ts.isCallExpression(parent) && parent.arguments.includes(node)) passed.push(node);
      else if (
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        parent.left === node
      )
        passed.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body!, visit);

  for (const id of passed) {
    const parent = id.parent;
    if (!ts.isCallExpression(parent))
      return `${name} reassigns its callback (line ${line(id)}); the fix can't tell when it runs`;
    const target = dottedLastName(parent.expression);
    if (target && MANY_TIMES.has(target))
      return `${name} passes its callback to ${target} (line ${line(id)}), which may call it more than once`;
    const how = deferral(parent, fn);
    if (how !== 'later') return `${name} passes its callback on (line ${line(id)}) in a way the fix can't follow`;
  }
  for (const site of sites) {
    const runner = enclosingFunction(site);
    if (runner === fn)
      return `${name} calls its callback before it returns (line ${line(site)}); as a promise the rest would run later than today`;
    let holder: TS.Node = runner;
    while (holder !== fn) {
      const parent = holder.parent;
      if (!isCallback(holder) || !ts.isCallExpression(parent) || !parent.arguments.includes(holder as TS.Expression)) {
        return `${name} calls its callback from a function the fix can't follow (line ${line(site)})`;
      }
      const target = dottedLastName(parent.expression);
      if (target && MANY_TIMES.has(target))
        return `${name} calls its callback inside ${target} (line ${line(site)}), which may run it more than once`;
      if (loops(holder, fn))
        return `${name} calls its callback inside a loop (line ${line(site)}); a promise settles only once`;
      holder = enclosingFunction(parent);
    }
    if (loops(site, runner))
      return `${name} calls its callback inside a loop (line ${line(site)}); a promise settles only once`;
    if (!isTail(site, runner))
      return `${name} runs more code after calling its callback (line ${line(site)}); as a promise that code would run first`;
  }
  if (sites.length + passed.length > 1 && !exclusive(sites, passed, fn)) {
    return `${name} may call its callback more than once (lines ${[...sites, ...passed].map(line).join(', ')}); a promise settles only once`;
  }
  return undefined;
}

/** The function declaration (or `const f = function/arrow`) an identifier names in this file. */
export function definitionOf(id: TS.Identifier, facts: FileFacts): TS.FunctionLikeDeclaration | undefined {
  const scope = facts.scopes.resolve(id);
  return scope ? facts.definitionIn(scope, id.text) : undefined;
}

function enclosingFunction(node: TS.Node): TS.Node {
  const ts = typescript();
  let current = node.parent;
  while (current && !ts.isFunctionLike(current)) current = current.parent;
  return current;
}

/** Whether `fn`, passed to `call`, runs later and once: a timer, a tick, or an unknown async API. */
function deferral(call: TS.CallExpression, owner: TS.Node): 'later' | 'many' | 'unknown' {
  const name = dottedLastName(call.expression);
  if (name && MANY_TIMES.has(name)) return 'many';
  if (name && ONCE_LATER.has(name)) return 'later';
  return enclosingFunction(call) === owner || name ? 'later' : 'unknown';
}

function loops(node: TS.Node, until: TS.Node): boolean {
  const ts = typescript();
  for (let current = node.parent; current && current !== until; current = current.parent) {
    if (ts.isIterationStatement(current, false)) return true;
  }
  return false;
}

/** True when nothing runs after `site` in `fn`: it is returned, or is the last statement on its path. */
function isTail(site: TS.CallExpression, fn: TS.Node): boolean {
  const ts = typescript();
  let node: TS.Node = site;
  // A call in a branch of `?:`, or on the right of `&&`/`||`/`,`, is last when the whole expression is.
  for (;;) {
    const up = node.parent;
    if (ts.isParenthesizedExpression(up) || (ts.isConditionalExpression(up) && up.condition !== node)) node = up;
    else if (
      ts.isBinaryExpression(up) &&
      up.right === node &&
      [
        ts.SyntaxKind.AmpersandAmpersandToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.QuestionQuestionToken,
        ts.SyntaxKind.CommaToken,
      ].includes(up.operatorToken.kind)
    )
      node = up;
    else break;
  }
  const parent = node.parent;
  if (ts.isReturnStatement(parent)) return true;
  if (ts.isArrowFunction(parent) && parent.body === node) return true;
  if (!ts.isExpressionStatement(parent)) return false;
  node = parent;
  while (node.parent !== fn) {
    const container = node.parent;
    if (ts.isBlock(container)) {
      const rest = container.statements.slice(container.statements.indexOf(node as TS.Statement) + 1);
      if (rest.length > 0 && !(rest.length === 1 && ts.isReturnStatement(rest[0]) && !rest[0].expression)) return false;
    } else if (!ts.isIfStatement(container)) {
      return false;
    }
    node = container;
  }
  return true;
}

/** True when at most one of the sites can run: each sits in its own branch of an if/else or ends with return. */
function exclusive(sites: TS.CallExpression[], passed: TS.Identifier[], fn: TS.Node): boolean {
  const all: TS.CallExpression[] = [...sites, ...passed.map((id) => id.parent as TS.CallExpression)];
  const runners = new Set(all.map(enclosingFunction));
  if (runners.size > 1) return false;
  const runner = [...runners][0];
  if (runner === fn && passed.length > 0) return false;
  // Each site but the last on a path must leave the function right after it.
  // After a call in tail position nothing else runs, so of several tail calls at most one runs.
  return all.every((site) => isTail(site, runner) && !loops(site, runner));
}
