/**
 * Creation sites given at load time: the program's own JavaScript is rewritten so that each statically
 * recognisable promise-making expression hands the runtime a site id just before it runs, and the
 * runtime's `init` hook reads that id instead of capturing a stack (about 70% of a traced run). Only
 * insertions, never a change of what the program computes:
 *   p.then(f)          →  p.then((__pl$S.t(17,p),f))      (`t`/`c`/`f` for then/catch/finally)
 *   const y = await x  →  __pl$S.a(18,x);const y = await x
 *   new Promise(f)     →  new Promise((__pl$S.n(19,Promise),f))
 * The helper is handed the receiver (a name or `this`, read again: nothing runs) and sets the site
 * once the receiver and the method are read; a call whose arguments can run code gets no site (their
 * promises would come between), nor one without arguments (the method would see one more). The runtime
 * takes a site only when it is unambiguous (see src/runtime/sites.ts); anything else falls back to the
 * stack. Lines never move; the runtime gives back the columns an insertion shifts (in the program's
 * stacks and in its own captures) and the source text of a rewritten function (`toString`).
 */
import { parse, type Node } from 'acorn';
import {
  SiteKind,
  SITES_BINDING,
  type Shift,
  type SiteDescription,
  type SiteHelpers,
  type SiteKindCode,
} from '../wire/sites';

/** The binding the instrumented code reads the runtime's helpers through, local to the module. */
export { SITES_BINDING };

const METHOD_KINDS: Record<string, SiteKindCode | undefined> = Object.assign(Object.create(null) as object, {
  then: SiteKind.then,
  catch: SiteKind.catch,
  finally: SiteKind.finally,
});
const HELPER: Record<SiteKindCode, keyof SiteHelpers> = { 1: 't', 2: 'c', 3: 'f', 4: 'a', 5: 'n' };

export interface Instrumented {
  code: string;
  /** The id of the first site (the others follow in order). */
  base: number;
  sites: SiteDescription[];
  /** Per 0-based line that moved, its insertions in instrumented columns. */
  shifts: Map<number, Shift[]>;
  /** Every insertion as [offset in the rewritten text, length], in order. */
  inserted: number[];
}

interface Insertion {
  at: number;
  text: string;
  /** Order among insertions at one offset: closings first, innermost first; then openings, outermost first. */
  rank: number;
  /** The index of the site a helper call opens (-1 for the header and closings). */
  site: number;
}

type AnyNode = Node & Record<string, unknown>;

/** Arguments whose evaluation runs none of the program's code: nothing can come between site and call. */
function inert(node: AnyNode): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'ThisExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return true;
    case 'TemplateLiteral':
      return (node.expressions as unknown[]).length === 0;
    default:
      return false;
  }
}

/** A member call reached through `?.` anywhere in its chain: wrapping its receiver would change it. */
function optionalChain(node: AnyNode | null | undefined): boolean {
  while (node) {
    if (node.optional === true) return true;
    if (node.type === 'MemberExpression') node = node.object as AnyNode;
    else if (node.type === 'CallExpression') node = node.callee as AnyNode;
    else return false;
  }
  return false;
}

/**
 * The rewritten CommonJS text of `source`, or null when it is left as it is (it does not parse as a
 * script, or it binds the names the header needs at its top level).
 */
export function instrumentScript(source: string, reserve: (count: number) => number): Instrumented | null {
  let program: AnyNode;
  try {
    program = parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowHashBang: true,
      allowReturnOutsideFunction: true,
    }) as unknown as AnyNode;
  } catch {
    return null;
  }
  // The header reads `module`: a top-level function of that name would replace it before the header runs.
  if (source.includes(SITES_BINDING) || declaresModule(program)) return null;
  const found: Found[] = [];
  walk(program, (node) => {
    if (node.type === 'CallExpression') {
      const callee = node.callee as AnyNode;
      if (callee.type !== 'MemberExpression' || callee.computed === true) return;
      const name = (callee.property as AnyNode).name as string | undefined;
      const kind = name !== undefined ? METHOD_KINDS[name] : undefined;
      const object = callee.object as AnyNode;
      if (kind === undefined || node.optional === true || optionalChain(callee)) return;
      // The receiver is read again in the first argument: a name or `this` only (nothing runs). The call
      // itself stays as written: V8 words an error about it from its text (`p.then is not a function`).
      if (object.type !== 'Identifier' && object.type !== 'ThisExpression') return;
      const args = node.arguments as AnyNode[];
      if (args.length === 0 || !args.every(inert)) return;
      // V8 names the method for `then`, and the opening parenthesis for `catch`/`finally` (which call `then`).
      const property = callee.property as AnyNode;
      const at = kind === SiteKind.then ? property.start : openingParen(source, property.end);
      found.push({ kind, at, wrap: object, argument: args[0] });
    } else if (node.type === 'NewExpression') {
      // `new Promise(executor)`: placed at `new`; the name is read again (the helper checks it is the intrinsic).
      const callee = node.callee as AnyNode;
      const args = node.arguments as AnyNode[];
      if (callee.type !== 'Identifier' || callee.name !== 'Promise' || args.length === 0 || !args.every(inert)) return;
      found.push({ kind: SiteKind.new, at: node.start, wrap: callee, argument: args[0] });
    } else {
      const list =
        node.type === 'SwitchCase'
          ? node.consequent
          : node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock'
            ? node.body
            : undefined;
      if (Array.isArray(list)) for (const statement of list as AnyNode[]) awaitSite(statement, found);
    }
  });
  const base = found.length > 0 ? reserve(found.length) : 0;
  const insertions: Insertion[] = [{ at: afterDirectives(program), text: headerText(), rank: -1, site: -1 }];
  // `found` is in walk order: an expression comes before those inside it.
  for (let i = 0; i < found.length; i++) {
    const { kind, wrap, before, argument } = found[i];
    // The receiver or operand is read once more (a name, `this` or a literal: nothing runs). The site
    // comes first: a function's text then names its first site where the insertion starts (see the
    // runtime's `originalText`).
    const call = `${SITES_BINDING}.${HELPER[kind]}(${base + i},${source.slice(wrap.start, wrap.end)})`;
    if (before !== undefined) insertions.push({ at: before, text: `${call};`, rank: i, site: i });
    else if (argument !== undefined) {
      insertions.push({ at: argument.start, text: `(${call},`, rank: i, site: i });
      insertions.push({ at: argument.end, text: ')', rank: -2 - i, site: -1 });
    }
  }
  insertions.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const code = apply(source, insertions);
  const lineStarts = lineStartsOf(source);
  // Where each insertion went in the rewritten text: its offset there and its length.
  const inserted: number[] = [];
  const insertedAt: number[] = [];
  let moved = 0;
  for (const { at, text, site } of insertions) {
    inserted.push(at + moved, text.length);
    if (site >= 0) insertedAt[site] = at + moved + text.indexOf(SITES_BINDING);
    moved += text.length;
  }
  const sites = found.map(({ kind, at }, i) => {
    const line = lineOf(lineStarts, at);
    const column = at - lineStarts[line] + 1;
    return { kind, insertedAt: insertedAt[i], line: line + 1, column, position: at + shiftBefore(insertions, at) };
  });
  return { code, base, sites, shifts: shiftsOf(insertions, lineStarts), inserted };
}

/** The header: the runtime's helpers, handed over on the module object for the moment of the compile. */
function headerText(): string {
  return `var ${SITES_BINDING}=module.${SITES_BINDING};delete module.${SITES_BINDING};`;
}

interface Found {
  kind: SiteKindCode;
  /** The place V8 names for the promise (see SiteDescription). */
  at: number;
  /** The expression the helper receives. */
  wrap: AnyNode;
  /** For an await: where the helper's own statement goes, before the await's statement. */
  before?: number;
  /** For a method call: its first argument, which the helper's call goes in front of. */
  argument?: AnyNode;
}

/**
 * An `await` whose place is certain and whose site can be set before its statement: V8 names the place
 * of an await from the code around it (the last expression it recorded a position for: `await o.f()`
 * is at `f`, `s = await p` at `s`, `s += await p` at `p`), so only these shapes, checked against V8's
 * stacks in test/process/runtime/sites.test.ts, get a site: `await x;`, `const y = await x;` and
 * `return await x;`, with `x` an identifier or a literal (evaluated twice, nothing runs). The site is
 * set by a statement of its own before (wrapping the operand would move the await's place).
 */
function awaitSite(statement: AnyNode, found: Found[]): void {
  let expression: AnyNode | undefined;
  let at = -1;
  if (statement.type === 'ExpressionStatement') expression = statement.expression as AnyNode;
  else if (statement.type === 'ReturnStatement') {
    expression = statement.argument as AnyNode | undefined;
    at = statement.start;
  } else if (statement.type === 'VariableDeclaration' && (statement.declarations as AnyNode[]).length === 1)
    expression = (statement.declarations as AnyNode[])[0].init as AnyNode | undefined;
  if (expression?.type !== 'AwaitExpression') return;
  const operand = expression.argument as AnyNode;
  if (operand.type !== 'Identifier' && operand.type !== 'Literal') return;
  found.push({ kind: SiteKind.await, at: at >= 0 ? at : expression.start, wrap: operand, before: statement.start });
}

/** The `(` after `from`, past blanks and comments. */
function openingParen(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    if (source.startsWith('/*', i)) i = source.indexOf('*/', i + 2) + 2;
    else if (source.startsWith('//', i)) i = source.indexOf('\n', i);
    else if (source[i] === '(') return i;
    else i++;
    if (i <= 0) break;
  }
  return from;
}

function declaresModule(program: AnyNode): boolean {
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'FunctionDeclaration' && (statement.id as AnyNode).name === 'module') return true;
    if (statement.type === 'ClassDeclaration' && (statement.id as AnyNode).name === 'module') return true;
  }
  return false;
}

/** After the directive prologue (`'use strict'` must stay first), on the same line. */
function afterDirectives(program: AnyNode): number {
  let at = 0;
  for (const statement of program.body as AnyNode[]) {
    if (typeof statement.directive !== 'string') break;
    at = statement.end;
  }
  return at;
}

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value)
        if (item !== null && typeof item === 'object' && 'type' in item) walk(item as AnyNode, visit);
    } else if (value !== null && typeof value === 'object' && 'type' in value) {
      walk(value as AnyNode, visit);
    }
  }
}

function apply(source: string, insertions: Insertion[]): string {
  let out = '';
  let from = 0;
  for (const { at, text } of insertions) {
    out += source.slice(from, at) + text;
    from = at;
  }
  return out + source.slice(from);
}

/** How much text went in before the character at `at` (insertions at `at` go before it). */
function shiftBefore(insertions: Insertion[], at: number): number {
  let shift = 0;
  for (const insertion of insertions) if (insertion.at <= at) shift += insertion.text.length;
  return shift;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function shiftsOf(insertions: Insertion[], lineStarts: number[]): Map<number, Shift[]> {
  const shifts = new Map<number, Shift[]>();
  let line = -1;
  let lineShift = 0;
  for (const { at, text } of insertions) {
    const l = lineOf(lineStarts, at);
    if (l !== line) {
      line = l;
      lineShift = 0;
    }
    let list = shifts.get(l);
    if (list === undefined) shifts.set(l, (list = []));
    list.push({ column: at - lineStarts[l] + lineShift, length: text.length });
    lineShift += text.length;
  }
  return shifts;
}

/** The original 0-based column of an instrumented one on a line with `shifts` (inside an insertion: its place). */
export function originalColumn(shifts: readonly Shift[] | undefined, column: number): number {
  if (shifts === undefined) return column;
  let moved = 0;
  for (const { column: at, length } of shifts) {
    if (column < at) break;
    if (column < at + length) return at - moved;
    moved += length;
  }
  return column - moved;
}
