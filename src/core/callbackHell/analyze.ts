import {
  markParented,
  overlapsError,
  parse,
  reparse,
  type Parsed,
  type ScriptKindName,
  type TextChange,
} from '../syntax/parse';
import { typescript, type TS } from '../syntax/typescript';
import { dottedLastName, kindTable } from '../syntax/nodes';
import { roleOf, type CallbackNode } from './roles';

export type Rule = 'callback-hell' | 'nested-then';

/** One level of a pyramid or of a nested chain, for related information. Offsets are 0-based. */
export interface Level {
  start: number;
  end: number;
  label: string;
}

export interface Finding {
  rule: Rule;
  /** The reported range: the callee of the outermost call (0-based offsets into the text). */
  start: number;
  end: number;
  depth: number;
  message: string;
  levels: Level[];
  /** The callbacks (callback-hell) or the `.then` calls (nested-then) from outermost to innermost. */
  readonly path: readonly TS.Node[];
}

export interface Analysis {
  parsed: Parsed;
  kind: ScriptKindName;
  maxDepth: number;
  findings: Finding[];
}

export const DEFAULT_MAX_DEPTH = 3;

/** Finds callback pyramids and nested `.then` chains. Pure: text in, findings out (what the CLI runs). */
export function analyze(text: string, kind: ScriptKindName = 'JS', maxDepth = DEFAULT_MAX_DEPTH): Analysis {
  return analyzeParsed(parse(text, kind), maxDepth);
}

/**
 * The analysis of a tree parsed by `core/syntax`'s `parse`: the extension host parses a document once per
 * version and shares the tree with the hover. The tree is read, never changed (the walk sets its
 * parent pointers, which are the parser's own).
 */
export function analyzeParsed(parsed: Parsed, maxDepth = DEFAULT_MAX_DEPTH): Analysis {
  const depth = Math.max(2, Math.floor(maxDepth) || DEFAULT_MAX_DEPTH);
  return { parsed, kind: parsed.kind, maxDepth: depth, findings: findingsOf(parsed, depth) };
}

/** The analysis after edits, parsing only what changed; `previous` must not be used afterwards. */
export function analyzeEdits(
  previous: Analysis,
  changes: readonly TextChange[],
  maxDepth = previous.maxDepth,
): Analysis {
  return analyzeParsed(reparse(previous.parsed, changes), maxDepth);
}

function findingsOf(parsed: Parsed, maxDepth: number): Finding[] {
  const ts = typescript();
  const sf = parsed.sourceFile;
  // Deepest path seen under each outermost callback / outermost .then call.
  const pyramids = new Map<TS.Node, CallbackNode[]>();
  // The .then calls whose handlers hold a nested chain, keyed by their own chain's outermost call.
  const chains = new Map<TS.Node, TS.CallExpression[]>();

  // The walk keeps its path in variables instead of allocating a closure per node: it runs on every
  // pause in typing. It is also the pass that sets parent pointers (parse() leaves them unset): a node's
  // ancestors are set before it is visited, which is all the rules below read.
  let callbacks: CallbackNode[] = [];
  let thens: TS.CallExpression[] = [];
  let parentNode: TS.Node = sf;
  const children = (node: TS.Node): void => {
    const savedParent = parentNode;
    parentNode = node;
    ts.forEachChild(node, visit);
    parentNode = savedParent;
  };
  const descend = (node: TS.Node, nextCallbacks: CallbackNode[], nextThens: TS.CallExpression[]): void => {
    const saved = callbacks;
    const savedThens = thens;
    callbacks = nextCallbacks;
    thens = nextThens;
    children(node);
    callbacks = saved;
    thens = savedThens;
  };
  const { ArrowFunction, FunctionExpression, CallExpression, LastToken } = ts.SyntaxKind;
  const startsScope = scopeKinds();
  const visit = (node: TS.Node): void => {
    (node as { parent: TS.Node }).parent = parentNode;
    // Dispatch on the kind: most nodes are identifiers and tokens, which have no children to walk.
    const kind = node.kind;
    if (kind <= LastToken) return;
    if (kind === ArrowFunction || kind === FunctionExpression) {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.arguments.includes(node as TS.Expression)) {
        const role = roleOf(parent);
        if (role === 'async') {
          const path = [...callbacks, node as CallbackNode];
          const best = pyramids.get(path[0]);
          if (!best || best.length < path.length) pyramids.set(path[0], path);
          descend(node, path, thens);
        } else if (role === 'promise') {
          descend(node, callbacks, [...thens, parent]);
        } else {
          // Array methods and test blocks run their callbacks in place: not a level, but not a new scope either.
          children(node);
        }
      } else if (ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isParenthesizedExpression(parent)) {
        // An executor (`new Promise(...)`) or an IIFE runs in place.
        children(node);
      } else {
        descend(node, [], []);
      }
      return;
    }
    if (startsScope[kind] === 1) {
      if (callbacks.length > 0 || thens.length > 0) descend(node, [], []);
      else children(node);
      return;
    }
    if (
      kind === CallExpression &&
      thens.length > 0 &&
      isPromiseCall(node as TS.CallExpression) &&
      !isChainLink(node as TS.CallExpression)
    ) {
      const path = [...thens, node as TS.CallExpression];
      const key = chainRoot(path[0]);
      const best = chains.get(key);
      if (!best || best.length < path.length) chains.set(key, path);
    }
    children(node);
  };
  children(sf);
  markParented(sf);

  const findings: Finding[] = [];
  for (const path of pyramids.values()) {
    if (path.length < maxDepth) continue;
    const outer = path[0].parent as TS.CallExpression;
    if (overlapsError(parsed, outer.getStart(sf), outer.getEnd())) continue;
    const levels = path.map((cb, i) => {
      const call = cb.parent as TS.CallExpression;
      const name = calleeText(call, sf);
      return {
        start: call.expression.getStart(sf),
        end: call.expression.getEnd(),
        label: `level ${i + 1}: callback passed to ${name}`,
      };
    });
    findings.push({
      rule: 'callback-hell',
      start: levels[0].start,
      end: levels[0].end,
      depth: path.length,
      message: depthMessage(path.length, maxDepth),
      levels,
      path,
    });
  }
  for (const path of chains.values()) {
    const outer = path[0];
    if (overlapsError(parsed, outer.getStart(sf), outer.getEnd())) continue;
    const levels = path.map((call, i) => {
      const name = (call.expression as TS.PropertyAccessExpression).name;
      return { start: name.getStart(sf), end: name.getEnd(), label: `level ${i + 1}: .${name.text}` };
    });
    findings.push({
      rule: 'nested-then',
      start: levels[0].start,
      end: levels[0].end,
      depth: path.length,
      message: `Nested .then: a handler starts another promise chain ${path.length} levels deep; return it and chain the next step instead.`,
      levels,
      path,
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
}

/**
 * The finding's message. The rule flags pyramids `maxDepth` deep or deeper, so "the limit is 3" on a
 * pyramid 3 deep read as if it were allowed: say what the depth is against what the rule flags.
 */
export function depthMessage(depth: number, maxDepth: number): string {
  return depth > maxDepth
    ? `Callback hell: callbacks nested ${depth} deep (more than ${maxDepth}).`
    : `Callback hell: callbacks nested ${depth} deep (this rule flags ${maxDepth} or more).`;
}

let scopeKindTable: Uint8Array | undefined;

/** 1 for every kind of node that `ts.isFunctionLike` or `ts.isClassLike` accepts: a lookup per node instead of two calls. */
function scopeKinds(): Uint8Array {
  const ts = typescript();
  scopeKindTable ??= kindTable((probe) => ts.isFunctionLike(probe) || ts.isClassLike(probe));
  return scopeKindTable;
}

/** The outermost call of the chain `call` belongs to: `a.then(f)` in `a.then(f).catch(g)` → the `.catch` call. */
export function chainRoot(call: TS.CallExpression): TS.CallExpression {
  let current = call;
  while (isChainLink(current)) current = current.parent.parent as TS.CallExpression;
  return current;
}

function calleeText(call: TS.CallExpression, sf: TS.SourceFile): string {
  const text = call.expression.getText(sf);
  return text.length <= 40 ? text : `${dottedLastName(call.expression) ?? 'a call'}`;
}

export function isPromiseCall(node: TS.CallExpression): boolean {
  const ts = typescript();
  return (
    ts.isPropertyAccessExpression(node.expression) && ['then', 'catch', 'finally'].includes(node.expression.name.text)
  );
}

/** True for `a.then(f)` inside `a.then(f).then(g)`: a chain is reported once, by its outermost call. */
function isChainLink(node: TS.CallExpression): boolean {
  const ts = typescript();
  const parent = node.parent;
  return (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === node &&
    ts.isCallExpression(parent.parent) &&
    isPromiseCall(parent.parent)
  );
}
