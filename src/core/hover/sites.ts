/**
 * Which source expressions created which trace promises. The runtime records, for each promise, the
 * position of the innermost user frame when it was created: the `new` of `new Promise`, the method name
 * of `.then(...)` / `Promise.all(...)`, the call of an `async` function for the promise it returns (or
 * the function itself when no caller was seen), somewhere inside the `await` expression for an await. Each promise is assigned to the innermost
 * expression of its kind that contains that position.
 */
import type * as TS from 'typescript';
import type { PromiseKind, Trace, TracePromise } from '../trace/model';
import { typescript } from '../syntax/typescript';
import { calleeName, isAsyncFunction, offsetOf, pathTo, skipOuter } from '../syntax/nodes';
import type { ParsedSource } from '../syntax/parse';

/** The kinds of expression a hover can be about. */
export type SiteKind = 'new' | 'call' | 'await' | 'function';

export interface Site {
  node: TS.Node;
  kind: SiteKind;
  /** What the hover calls it: `new Promise`, `.then`, `Promise.all`, `loadUser()`, `await`, `async function loadUser`. */
  label: string;
  /** Promise kinds this expression creates itself; the rest assigned to it are side promises (e.g. the `then` that `Promise.all` calls on each input). */
  primaryKinds: readonly PromiseKind[] | 'any';
}

const METHOD_KINDS: readonly PromiseKind[] = [
  'then',
  'catch',
  'finally',
  'resolve',
  'reject',
  'all',
  'allSettled',
  'race',
  'any',
  'withResolvers',
];

/** `Promise` for `Promise.all(...)`, else undefined. */
function receiverText(call: TS.CallExpression): string | undefined {
  const ts = typescript();
  const callee = skipOuter(call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) return callee.expression.text;
  return undefined;
}

function isMethodCall(call: TS.CallExpression): boolean {
  const ts = typescript();
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
}

/** The site a node is, or undefined when it creates no promise by its syntax. */
export function siteOf(node: TS.Node): Site | undefined {
  const ts = typescript();
  if (ts.isNewExpression(node)) {
    const name = calleeName(node) ?? '…';
    return { node, kind: 'new', label: `new ${name}`, primaryKinds: ['new'] };
  }
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
      return { node, kind: 'call', label: 'import()', primaryKinds: 'any' };
    if (name !== undefined && isMethodCall(node) && (METHOD_KINDS as readonly string[]).includes(name)) {
      const receiver = receiverText(node);
      const isStatic = receiver !== undefined && /^[A-Z]/.test(receiver);
      const label = isStatic ? `${receiver}.${name}` : `.${name}`;
      return { node, kind: 'call', label, primaryKinds: [name as PromiseKind] };
    }
    return { node, kind: 'call', label: `${name ?? '…'}()`, primaryKinds: 'any' };
  }
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) {
    return { node, kind: 'await', label: ts.isAwaitExpression(node) ? 'await' : 'for await', primaryKinds: ['await'] };
  }
  if (isAsyncFunction(node)) {
    const fn = node as TS.FunctionLikeDeclaration;
    const name = functionName(fn);
    return {
      node,
      kind: 'function',
      label: name ? `async function ${name}` : 'async function',
      primaryKinds: ['async'],
    };
  }
  return undefined;
}

/** A function's own name, or the name of what it is assigned to. */
export function functionName(fn: TS.FunctionLikeDeclaration): string | undefined {
  const ts = typescript();
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name)))
    return fn.name.text;
  let parent = fn.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  ) {
    if (ts.isIdentifier(parent.name)) return parent.name.text;
  }
  return undefined;
}

/** Which syntactic sites may have created a promise of `kind`, best first. */
function fits(kind: PromiseKind, site: Site): boolean {
  switch (kind) {
    case 'await':
      return site.kind === 'await';
    case 'async':
      // At the call when the runtime saw the caller, else at the async function itself.
      return site.kind === 'function' || (site.kind === 'call' && site.primaryKinds === 'any');
    case 'new':
      return site.kind === 'new';
    case 'unknown':
      return site.kind !== 'function';
    default:
      return site.kind === 'call' && site.primaryKinds !== 'any' && site.primaryKinds.includes(kind);
  }
}

/**
 * The site that created a promise at `offset`: the innermost site of the promise's kind on the path
 * there, else the innermost call, `new` or `await` (a promise a library made inside a call of ours).
 */
export function siteForPromise(
  path: readonly TS.Node[],
  kind: PromiseKind,
  siteCache: Map<TS.Node, Site | null>,
): Site | undefined {
  let fallback: Site | undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    let site = siteCache.get(node);
    if (site === undefined) {
      site = siteOf(node) ?? null;
      siteCache.set(node, site);
    }
    if (!site) continue;
    if (fits(kind, site)) return site;
    if (!fallback && site.kind !== 'function') fallback = site;
  }
  return fallback;
}

/** Where a trace location is in the current text (through the edits since the trace), if anywhere. */
export type LineMapper = (line0: number) => number | undefined;

/**
 * Assigns every user promise created in `file` to its site. `mapLine` carries trace lines through the
 * edits made since; promises on edited lines are left out, since their positions no longer hold.
 */
export function assignPromises(
  parsed: ParsedSource,
  trace: Trace,
  file: string,
  mapLine: LineMapper = (line) => line,
): { sites: Map<TS.Node, Site>; own: Map<TS.Node, TracePromise[]> } {
  const byOffset = new Map<number, TracePromise[]>();
  for (const promise of trace.promises) {
    const loc = promise.location;
    if (promise.internal || !loc || loc.file !== file) continue;
    const line0 = mapLine(loc.line - 1);
    if (line0 === undefined) continue;
    const offset = offsetOf(parsed.sourceFile, line0 + 1, loc.column);
    if (offset === undefined) continue;
    const list = byOffset.get(offset);
    if (list) list.push(promise);
    else byOffset.set(offset, [promise]);
  }
  const siteCache = new Map<TS.Node, Site | null>();
  const sites = new Map<TS.Node, Site>();
  const own = new Map<TS.Node, TracePromise[]>();
  for (const [offset, promises] of byOffset) {
    const path = pathTo(parsed.sourceFile, offset);
    for (const promise of promises) {
      const site = siteForPromise(path, promise.kind, siteCache);
      if (!site) continue;
      sites.set(site.node, site);
      const list = own.get(site.node);
      if (list) list.push(promise);
      else own.set(site.node, [promise]);
    }
  }
  for (const list of own.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return { sites, own };
}
