/**
 * The promises one source file created in one trace, by the expression that created them: what the
 * hover shows at a position and what the end-of-line notes say. Built once per document version.
 */
import type * as TS from 'typescript';
import type { Trace, TracePromise } from '../trace/model';
import { typescript } from '../syntax/typescript';
import { calleeName, isAsyncFunction, isFunctionLike, pathTo, skipOuter } from '../syntax/nodes';
import { parseSource, withParents, type ParsedSource } from '../syntax/parse';
import { FileFunctions } from './fileFunctions';
import { byId, type IdMap } from '../trace/idMap';
import { assignPromises, siteOf, type LineMapper, type Site } from './sites';

/** What a hover is about: an expression and the promises it created. */
export interface HoverTarget {
  /** 0-based offsets of the expression in the current text. */
  start: number;
  end: number;
  label: string;
  /** The promises the expression itself stands for, oldest first. */
  promises: TracePromise[];
  /** Promises made along the way (e.g. the `then` Promise.all calls on each input). */
  side: TracePromise[];
  /**
   * For a call of a function of this file: `call` when the trace shows which of its promises this call
   * made, `every-call` when they could not be told apart and every call's promises are listed.
   */
  scope: 'site' | 'call' | 'every-call';
  /** The function called, for calls of this file's functions. */
  callee?: string;
  /** An `await`: `promises` are the ones it waited for. */
  awaited?: boolean;
}

/** The promises created on one line, as the end-of-line note summarises them. */
export interface LineSummary {
  /** 0-based line in the current text. */
  line: number;
  label: string;
  promises: TracePromise[];
}

export interface HoverIndexInput {
  text: string;
  /** The document's file name (its extension picks the parser's language when `languageId` is not given). */
  fileName: string;
  languageId?: string;
  trace: Trace;
  /** The file name trace locations use for this document. */
  file: string;
  /** Carries 0-based trace lines through the edits made since the trace. */
  mapLine?: LineMapper;
  /** `text` already parsed by core/syntax (the extension host shares one parse per document version); else parsed here. */
  parsed?: ParsedSource;
}

const CHAIN_METHODS = ['then', 'catch', 'finally'];
const COMBINATORS = ['all', 'allSettled', 'race', 'any'];
const MAX_RETURN_DEPTH = 4;

export class HoverIndex {
  private readonly parsed: ParsedSource;
  private readonly sites: Map<TS.Node, Site>;
  private readonly own: Map<TS.Node, TracePromise[]>;
  private readonly byId: IdMap<TracePromise>;
  private readonly functions: FileFunctions;

  constructor(input: HoverIndexInput) {
    this.parsed = input.parsed
      ? { text: input.parsed.text, sourceFile: withParents(input.parsed.sourceFile) }
      : parseSource(input.text, input.fileName, input.languageId);
    const assigned = assignPromises(this.parsed, input.trace, input.file, input.mapLine);
    this.sites = assigned.sites;
    this.own = assigned.own;
    this.byId = byId(input.trace.promises);
    this.functions = new FileFunctions(this.parsed.sourceFile);
  }

  /** True when no promise of the trace could be placed in this file. */
  get empty(): boolean {
    return this.own.size === 0;
  }

  /** The innermost promise-creating expression at `offset` that created any promise, within the function the offset is in. */
  targetAt(offset: number): HoverTarget | undefined {
    const ts = typescript();
    const path = pathTo(this.parsed.sourceFile, offset);
    for (let i = path.length - 1; i >= 0; i--) {
      const node = path[i];
      if (isFunctionLike(node)) {
        // The head of an async function (`async function loadUser`) stands for the promises it returned;
        // anywhere else inside a function belongs to that function, not to the expression around it.
        const head = offset < (node.parameters.pos ?? node.end);
        if (head && isAsyncFunction(node)) return this.functionTarget(node);
        return undefined;
      }
      if (
        !ts.isCallExpression(node) &&
        !ts.isNewExpression(node) &&
        !ts.isAwaitExpression(node) &&
        !ts.isForOfStatement(node)
      )
        continue;
      const site = this.sites.get(node) ?? siteOf(node);
      if (!site || site.kind === 'function') continue;
      const target = this.siteTarget(site);
      if (target) return target;
    }
    return undefined;
  }

  /** One summary per line that created promises: the outermost expression anchored on that line. */
  lineSummaries(): LineSummary[] {
    const sf = this.parsed.sourceFile;
    const best = new Map<number, { site: Site; span: number; start: number }>();
    for (const [node, site] of this.sites) {
      const promises = this.own.get(node);
      if (!promises || promises.length === 0) continue;
      const line = sf.getLineAndCharacterOfPosition(this.anchorOf(site)).line;
      const start = node.getStart(sf);
      const span = node.end - start;
      const current = best.get(line);
      if (!current || span > current.span || (span === current.span && start > current.start))
        best.set(line, { site, span, start });
    }
    return [...best.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([line, { site }]) => ({ line, label: site.label, promises: this.primary(site).promises }));
  }

  /** Offset and end of `node` in the current text. */
  rangeOf(node: TS.Node): { start: number; end: number } {
    return { start: node.getStart(this.parsed.sourceFile), end: node.end };
  }

  /** The position the runtime reports for a site: the method name of `.then`, else the start. */
  private anchorOf(site: Site): number {
    const ts = typescript();
    const sf = this.parsed.sourceFile;
    const node = site.node;
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee)) return callee.name.getStart(sf);
    }
    if (isFunctionLike(node)) return Math.min(node.parameters.pos, node.end);
    return node.getStart(sf);
  }

  /** The promises a site created itself, split into what it stands for and side promises. */
  private primary(site: Site): { promises: TracePromise[]; side: TracePromise[] } {
    const own = this.own.get(site.node) ?? [];
    if (site.kind === 'await') return { promises: this.awaited(own), side: [] };
    if (site.primaryKinds === 'any') return { promises: own, side: [] };
    const kinds = site.primaryKinds;
    const promises = own.filter((p) => kinds.includes(p.kind));
    if (promises.length === 0) return { promises: own, side: [] };
    return { promises, side: own.filter((p) => !kinds.includes(p.kind)) };
  }

  /**
   * What an `await` waited for. V8 makes a throwaway promise per await, whose parent is the awaited
   * promise (for `await 5`, a wrapper promise made at the same place, holding 5); the throwaway
   * itself always fulfils with undefined, so it says nothing about the await.
   */
  private awaited(own: readonly TracePromise[]): TracePromise[] {
    const ids = new Set(own.map((p) => p.id));
    const wrappers = new Set(own.filter((p) => p.parent !== null && ids.has(p.parent)).map((p) => p.parent as number));
    const out: TracePromise[] = [];
    for (const p of own) {
      if (wrappers.has(p.id)) continue;
      const awaited = p.kind === 'await' && p.parent !== null ? this.byId.get(p.parent) : undefined;
      out.push(awaited ?? p);
    }
    return unique(out);
  }

  private hoverRange(site: Site): { start: number; end: number } {
    const { start, end } = this.rangeOf(site.node);
    const anchor = this.anchorOf(site);
    // `.then(...)` on a long chain: highlight from the method name, not from the chain's start.
    return site.kind === 'call' && anchor > start ? { start: anchor, end } : { start, end };
  }

  private functionTarget(fn: TS.FunctionLikeDeclaration): HoverTarget | undefined {
    const site = this.sites.get(fn) ?? siteOf(fn);
    if (!site) return undefined;
    const promises = this.asyncPromisesOf(fn);
    const side = this.sites.has(fn) ? this.primary(site).side : [];
    if (promises.length === 0) return undefined;
    const sf = this.parsed.sourceFile;
    const end = Math.min(fn.parameters.pos, fn.end);
    return { start: fn.getStart(sf), end, label: site.label, promises, side, scope: 'site' };
  }

  private siteTarget(site: Site): HoverTarget | undefined {
    const ts = typescript();
    const { promises: own, side } = this.primary(site);
    let promises = own;
    let scope: HoverTarget['scope'] = 'site';
    let callee: string | undefined;
    // A call that created promises itself (an async function's, a library's) needs nothing more.
    if (ts.isCallExpression(site.node) && own.length === 0) {
      const call = site.node;
      const declared = this.functions.declarationsFor(call);
      const made = unique(declared.flatMap((fn) => this.functionPromises(fn, 0, new Set())));
      const structural = this.structuralPromises(call);
      if (made.length > 0) {
        callee = calleeName(call);
        const ids = new Set(structural.map((p) => p.id));
        const narrowed = made.filter((p) => ids.has(p.id));
        promises = unique([...own, ...(narrowed.length > 0 ? narrowed : made)]);
        scope = narrowed.length > 0 || this.functions.callsOf(callee) <= 1 ? 'call' : 'every-call';
      } else if (structural.length > 0) {
        promises = unique([...own, ...structural]);
        if (own.length === 0) scope = 'call';
      }
    }
    if (promises.length === 0) return undefined;
    promises.sort((a, b) => a.createdAt - b.createdAt);
    return {
      ...this.hoverRange(site),
      label: site.label,
      promises,
      side,
      scope,
      callee,
      awaited: site.kind === 'await',
    };
  }

  /**
   * The promises the trace ties to a call by what was done with its result: the promise an `await`
   * waited for, the one a `.then` chained on, the input of `Promise.all` in that argument position.
   */
  private structuralPromises(call: TS.CallExpression): TracePromise[] {
    const ts = typescript();
    let child: TS.Node = call;
    let parent = call.parent;
    while (
      parent &&
      (ts.isParenthesizedExpression(parent) ||
        ts.isAsExpression(parent) ||
        ts.isNonNullExpression(parent) ||
        ts.isSatisfiesExpression(parent))
    ) {
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return [];
    const parentsOf = (node: TS.Node, kinds: string[]) =>
      (this.own.get(node) ?? [])
        .filter((p) => kinds.includes(p.kind) && p.parent !== null)
        .map((p) => this.byId.get(p.parent as number))
        .filter((p): p is TracePromise => p !== undefined);
    if (ts.isAwaitExpression(parent)) return unique(parentsOf(parent, ['await']));
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === child &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent
    ) {
      const name = parent.name.text;
      if (CHAIN_METHODS.includes(name)) return unique(parentsOf(parent.parent, [name]));
    }
    if (ts.isArrayLiteralExpression(parent)) {
      const index = parent.elements.indexOf(child as TS.Expression);
      let list: TS.Node = parent;
      while (ts.isParenthesizedExpression(list.parent)) list = list.parent;
      const combinator = list.parent;
      if (index >= 0 && ts.isCallExpression(combinator) && combinator.arguments[0] === list) {
        const name = calleeName(combinator);
        if (name && COMBINATORS.includes(name)) {
          return unique(
            (this.own.get(combinator) ?? [])
              .filter((p) => p.kind === name && p.inputs.length > index)
              .map((p) => this.byId.get(p.inputs[index]))
              .filter((p): p is TracePromise => p !== undefined),
          );
        }
      }
    }
    return [];
  }

  /** The promises a function of this file hands back: its own for an async function, else those its return expressions create. */
  private functionPromises(fn: TS.FunctionLikeDeclaration, depth: number, seen: Set<TS.Node>): TracePromise[] {
    if (seen.has(fn) || depth > MAX_RETURN_DEPTH) return [];
    seen.add(fn);
    if (isAsyncFunction(fn)) return this.asyncPromisesOf(fn);
    const ts = typescript();
    const body = fn.body;
    if (!body) return [];
    if (!ts.isBlock(body)) return this.expressionPromises(body, depth, seen);
    const out: TracePromise[] = [];
    const visit = (node: TS.Node): void => {
      if (isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression)
        out.push(...this.expressionPromises(node.expression, depth, seen));
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return out;
  }

  private expressionPromises(expression: TS.Expression, depth: number, seen: Set<TS.Node>): TracePromise[] {
    const ts = typescript();
    const e = skipOuter(expression);
    if (ts.isConditionalExpression(e))
      return [
        ...this.expressionPromises(e.whenTrue, depth, seen),
        ...this.expressionPromises(e.whenFalse, depth, seen),
      ];
    const site = this.sites.get(e);
    const own = site ? this.primary(site).promises : [];
    if (ts.isCallExpression(e)) {
      const made = this.functions.declarationsFor(e).flatMap((fn) => this.functionPromises(fn, depth + 1, seen));
      return [...own, ...made];
    }
    return own;
  }

  /** The promises an async function returned: recorded at its calls in this file, or at itself. */
  private asyncPromisesOf(fn: TS.FunctionLikeDeclaration): TracePromise[] {
    const ts = typescript();
    const out = (this.own.get(fn) ?? []).filter((p) => p.kind === 'async');
    for (const [node, promises] of this.own) {
      if (ts.isCallExpression(node) && this.functions.declarationsFor(node).includes(fn))
        out.push(...promises.filter((p) => p.kind === 'async'));
    }
    return unique(out).sort((a, b) => a.createdAt - b.createdAt);
  }
}

function unique(promises: TracePromise[]): TracePromise[] {
  const seen = new Set<number>();
  return promises.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}
