/**
 * Where each handler is. The runtime records where a promise was created (the `then` of
 * `p.then(f, g)`, the `setTimeout` of `setTimeout(cb)`), never the handler itself: V8's hooks do not
 * pass it, and a stack per handler would cost what the runtime cannot afford. The source the program
 * ran says the rest: the call at that place and its arguments, followed to the function they name
 * (`functionOf`: inline functions, declared names, methods, bound functions, relative imports). A
 * parameter, or anything else the source cannot settle, stays unlocated.
 */
import type * as TS from 'typescript';
import { Scopes } from '../syntax/scope';
import { byId as indexById, IdMap } from '../trace/idMap';
import { calleeName, offsetOf, pathTo, skipOuter } from '../syntax/nodes';
import { parseSource } from '../syntax/parse';
import { typescript } from '../syntax/typescript';
import {
  THENABLE_JOB_LABEL,
  type Reaction,
  type SourceLocation,
  type Trace,
  type TraceJob,
  type TracePromise,
} from '../trace/model';
import { listFor, markPassThrough, type ReactionList } from '../trace/passThrough';
import { functionOf, type OpenedSource } from './functionOf';
import { readFromDisk, type SourceReader } from '../trace/sourceText';

export { readFromDisk, type SourceReader };

/** The handlers each derived promise's call passes, by the call's method name. */
const HANDLER_ARGS: Record<string, ReadonlyArray<Reaction['on']>> = {
  then: ['fulfil', 'reject'],
  catch: ['reject'],
  finally: ['both'],
};
const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const SCHEDULERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask']);

/**
 * Fills in, in place, the handler of every reaction (splitting `then(f, g)` into its fulfil and its
 * reject reaction, as V8 holds them), and the location of every job that runs a handler: a promise
 * job runs the handler its promise's parent settled into, a timer or tick runs its callback.
 */
export function resolveHandlers(trace: Trace, read: SourceReader = readFromDisk): void {
  const sources = new SourceCache(read);
  const byId = indexById(trace.promises);
  for (const promise of trace.promises) {
    if (promise.reactions.length > 0) promise.reactions = locateReactions(promise.reactions, byId, sources);
  }
  // The reactions leading to each promise, gathered once: a promise with thousands of reactions
  // would otherwise be searched once per job.
  const reactionsTo = new IdMap<Reaction[]>();
  for (const promise of trace.promises) {
    for (const reaction of promise.reactions) {
      if (reaction.child === null || reaction.handler === null) continue;
      const list = reactionsTo.get(reaction.child);
      if (list) list.push(reaction);
      else reactionsTo.set(reaction.child, [reaction]);
    }
  }
  for (const job of trace.jobs) locateJob(job, byId, reactionsTo, sources);
}

/**
 * The list with every reaction's handler found: the same list, each reaction written in place (a trace
 * holds a million), unless a `then(f, g)` splits in two.
 */
function locateReactions(reactions: Reaction[], byId: IdMap<TracePromise>, sources: SourceCache): Reaction[] {
  let out: Reaction[] | undefined;
  for (let i = 0; i < reactions.length; i++) {
    const split = locateReaction(reactions[i], byId, sources);
    if (split === undefined) out?.push(reactions[i]);
    else {
      out ??= reactions.slice(0, i);
      out.push(...split);
    }
  }
  return out ?? reactions;
}

/** Finds the reaction's handler; its two reactions when it is a `then(f, g)`, else undefined. */
function locateReaction(reaction: Reaction, byId: IdMap<TracePromise>, sources: SourceCache): Reaction[] | undefined {
  const child = reaction.child === null ? undefined : byId.get(reaction.child);
  if (reaction.handler !== null || !child || child.internal || !child.location) return undefined;
  // An await's "handler" is the rest of the async function, which resumes at the await.
  if (child.kind === 'await') {
    reaction.handler = child.location;
    return undefined;
  }
  const handlers = sources.handlersAt(child.location, child.kind);
  if (!handlers || handlers.length === 0) return undefined;
  if (handlers.length === 1) {
    reaction.on = handlers[0].on;
    reaction.handler = handlers[0].handler;
    return undefined;
  }
  return handlers.map(({ on, handler }) => ({ on, handler, child: reaction.child }));
}

function locateJob(
  job: TraceJob,
  byId: IdMap<TracePromise>,
  reactionsTo: IdMap<Reaction[]>,
  sources: SourceCache,
): void {
  if (job.task === 'microtask' && job.promise !== null) {
    // A thenable's resolution runs V8's call of its `then`, no handler of the program's.
    if (job.label.endsWith(THENABLE_JOB_LABEL)) return;
    if (job.passThrough) return;
    const promise = byId.get(job.promise);
    const parent = promise?.parent == null ? undefined : byId.get(promise.parent);
    if (!promise || !parent) return;
    if (parent.state !== 'pending' && emptyLists(promise, sources).has(listFor(parent.state))) {
      markPassThrough(job, promise, parent.state);
      return;
    }
    const ran = reactionsTo
      .get(promise.id)
      ?.find((r) => r.on === 'both' || r.on === (parent.state === 'rejected' ? 'reject' : 'fulfil'));
    // A settled parent whose list holds no handler passes its value through: no user code ran.
    if (ran) job.location = ran.handler;
    return;
  }
  if (job.location === null || job.task === 'script') return;
  if (job.task === 'io' || job.task === 'other') {
    const event = sources.listenerEvent(job.location);
    if (event !== undefined) {
      job.event = event;
      job.label = job.task === 'other' ? `'${event}' listener` : `'${event}' listener (${job.label})`;
    }
    return;
  }
  const call = sources.callAt(job.location);
  const callback = call?.node.arguments[0];
  const located = callback && call.source.functionAt(callback);
  if (located) job.location = located;
}

/**
 * The reaction lists `promise`'s call certainly left without a handler: `catch` never fills the
 * fulfil list; the call's source says which arguments are missing or `undefined`/`null`. An argument
 * the source cannot settle (a name, a parameter) counts as a handler: a skip is claimed only when sure.
 */
function emptyLists(promise: TracePromise, sources: SourceCache): ReadonlySet<ReactionList> {
  if (promise.kind !== 'then' && promise.kind !== 'catch') return NO_LISTS;
  const located = promise.location && !promise.internal ? sources.handlersAt(promise.location, promise.kind) : null;
  if (located === null) return promise.kind === 'catch' ? FULFIL_LIST : NO_LISTS;
  return located.empty;
}

const NO_LISTS: ReadonlySet<ReactionList> = new Set();
const FULFIL_LIST: ReadonlySet<ReactionList> = new Set(['fulfil']);

/** What the call at one place passes: its handlers, in V8's order, and the lists it leaves without one. */
type Handlers = Array<{ on: Reaction['on']; handler: SourceLocation | null }> & { empty: ReadonlySet<ReactionList> };

/** `undefined`, `null` or nothing: a list `then` leaves without a handler. */
/**
 * An argument V8 certainly takes as no handler: `then` ignores anything that is not callable, so a
 * missing one, `undefined`, `null`, `void x`, and literals (`then(2)`, `then('x')`, `then({})`) leave
 * their list empty. A name, a call, or anything else the source cannot settle may be a function.
 */
function notCallable(node: TS.Expression): boolean {
  const ts = typescript();
  const e = skipOuter(node);
  switch (e.kind) {
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.VoidExpression:
      return true;
    default:
      return ts.isIdentifier(e) && e.text === 'undefined';
  }
}

interface CallAt {
  node: TS.CallExpression;
  source: Source;
}

class SourceCache {
  private readonly files = new Map<string, Source | null>();
  /**
   * A loop makes many promises at one place: each place is looked up once, by its text, and first by
   * the location object itself, which the recording shares between all the records made there.
   */
  private readonly calls = new Map<string, CallAt | null>();
  private readonly callsByObject = new Map<SourceLocation, Map<string, CallAt | null>>();
  private readonly handlers = new Map<SourceLocation, Map<string, Handlers | null>>();

  constructor(private readonly read: SourceReader) {}

  /** The innermost call at a recorded place, made by `name` (or by any scheduler when not given). */
  callAt(location: SourceLocation, name?: string): CallAt | undefined {
    let byName = this.callsByObject.get(location);
    if (byName === undefined) this.callsByObject.set(location, (byName = new Map()));
    let call = byName.get(name ?? '');
    if (call === undefined) {
      const key = `${location.line}:${location.column}:${name ?? ''}:${location.file}`;
      call = this.calls.get(key);
      if (call === undefined) {
        const source = this.source(location.file);
        const node = source?.callAt(location, name);
        call = source && node ? { node, source } : null;
        this.calls.set(key, call);
      }
      byName.set(name ?? '', call);
    }
    return call ?? undefined;
  }

  /**
   * The handlers the `then`, `catch` or `finally` call at a place passes, located; the lists it
   * certainly leaves without one: `catch` never fills the fulfil list, and an argument that is missing
   * or `undefined`/`null` fills none. An argument the source cannot settle (a name, a parameter)
   * counts as a handler: a skip is claimed only when sure. Null when the call is not found there.
   */
  handlersAt(location: SourceLocation, kind: TracePromise['kind']): Handlers | null {
    let byKind = this.handlers.get(location);
    if (byKind === undefined) this.handlers.set(location, (byKind = new Map()));
    let found = byKind.get(kind);
    if (found === undefined) {
      found = this.locateHandlers(location, kind);
      byKind.set(kind, found);
    }
    return found;
  }

  private locateHandlers(location: SourceLocation, kind: TracePromise['kind']): Handlers | null {
    const lists = HANDLER_ARGS[kind];
    const call = lists && this.callAt(location, kind);
    if (!call) return null;
    const empty = new Set<ReactionList>(kind === 'catch' ? ['fulfil'] : []);
    const handlers: Array<{ on: Reaction['on']; handler: SourceLocation | null }> = [];
    const args = call.node.arguments;
    // Past a spread (`then(...handlers)`) the source no longer says which argument is which.
    const spread = args.findIndex((a) => a.kind === typescript().SyntaxKind.SpreadElement);
    lists.forEach((on, i) => {
      const argument = args[i];
      if (spread >= 0 && spread <= i) {
        handlers.push({ on, handler: null });
        return;
      }
      if (argument === undefined || notCallable(argument)) {
        if (on !== 'both') empty.add(on);
        return;
      }
      handlers.push({ on, handler: call.source.functionAt(argument) });
    });
    return Object.assign(handlers, { empty });
  }

  /**
   * The event a function at `location` is registered for, when it is written as the listener argument
   * of `x.on('name', fn)` (or `once`, `addListener`, `prependListener`, `prependOnceListener`).
   */
  listenerEvent(location: SourceLocation): string | undefined {
    const source = this.source(location.file);
    return source?.listenerEventAt(location);
  }

  /** A file's parsed source, kept; handlers followed into relative imports open other files through it too. */
  private source(file: string): Source | undefined {
    let source = this.files.get(file);
    if (source === undefined) {
      const text = this.read(file);
      source =
        text === undefined ? null : new Source(file, parseSource(text, file).sourceFile, (other) => this.source(other));
      this.files.set(file, source);
    }
    return source ?? undefined;
  }
}

class Source implements OpenedSource {
  readonly scopes = new Scopes();

  constructor(
    readonly file: string,
    readonly sourceFile: TS.SourceFile,
    private readonly open: (file: string) => Source | undefined,
  ) {}

  callAt(location: SourceLocation, name: string | undefined): TS.CallExpression | undefined {
    const ts = typescript();
    const sf = this.sourceFile;
    const offset = offsetOf(sf, location.line, location.column);
    if (offset === undefined) return undefined;
    const path = pathTo(sf, offset);
    for (let i = path.length - 1; i >= 0; i--) {
      const node = path[i];
      if (!ts.isCallExpression(node)) continue;
      const callee = calleeName(node);
      if (callee !== undefined && (name === undefined ? SCHEDULERS.has(callee) : callee === name)) return node;
    }
    return undefined;
  }

  listenerEventAt(location: SourceLocation): string | undefined {
    const ts = typescript();
    const sf = this.sourceFile;
    const offset = offsetOf(sf, location.line, location.column);
    if (offset === undefined) return undefined;
    const path = pathTo(sf, offset);
    for (let i = path.length - 1; i > 0; i--) {
      const fn = path[i];
      if (!ts.isFunctionLike(fn) || fn.getStart(sf) !== offset) continue;
      const call = path[i - 1];
      if (!ts.isCallExpression(call) || call.arguments[1] !== fn) return undefined;
      const name = calleeName(call);
      const first = call.arguments[0];
      if (name === undefined || !LISTEN.has(name) || !ts.isStringLiteralLike(first)) return undefined;
      return first.text;
    }
    return undefined;
  }

  private readonly functions = new Map<TS.Expression, SourceLocation | null>();

  /** Where the function an argument evaluates to is written, when the source says so. */
  functionAt(argument: TS.Expression): SourceLocation | null {
    let located = this.functions.get(argument);
    if (located === undefined) {
      const found = functionOf(argument, this, this.open);
      located = found ? locate(found.node, found.source) : null;
      this.functions.set(argument, located);
    }
    return located;
  }
}

function locate(node: TS.Node, source: OpenedSource): SourceLocation {
  const ts = typescript();
  const sf = source.sourceFile;
  // `export default async function` is located at `async function`, as it is written without the export.
  const exporting = (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).filter(
    (m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword,
  );
  const after = exporting.length > 0 ? exporting[exporting.length - 1].end : undefined;
  const start =
    after === undefined
      ? node.getStart(sf)
      : after + (/^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(sf.text.slice(after))?.[0].length ?? 0);
  const { line, character } = sf.getLineAndCharacterOfPosition(start);
  return { file: source.file, line: line + 1, column: character + 1 };
}
