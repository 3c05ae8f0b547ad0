import { factsOf } from './facts';
import { bindingNames, referencedNames, referencesTo } from '../syntax/names';
import { lineOf } from '../syntax/nodes';
import { indentAt, type Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

/**
 * One variable of an outer `.then` handler that an inner handler reads. Flattening moves the inner
 * handler out of the outer one, so the chain declares the variable above itself (`let user;`) and the
 * outer handler sets it (`(userValue) => { user = userValue; ...`). The `let` sits in the block around
 * the chain's statement, so each run of that block (a call, a loop turn) has its own: two chains never
 * share one.
 */
export interface CarriedName {
  /** The name declared above the chain, with its type annotation when the source gave one. */
  declaration: string;
  name: string;
}

export interface Carry {
  /** Edits inside the outer handler outside the moved inner chain (parameter renames, `const` removed). */
  edits: Edit[];
  /** Renames of reads (offsets in the current text), to apply inside the moved code and the base call. */
  renames: Edit[];
  /** Statements to put first in the outer handler's body: `user = userValue;`. */
  assignments: string[];
  carried: CarriedName[];
}

/**
 * Where the `let`s of a flattened chain go: before its statement in the block that holds it, or, when
 * the chain is an arrow's concise body, in a block body the arrow gets (`=> { let a; return chain; }`).
 */
export type ChainStatement =
  | { statement: TS.Statement; body?: undefined; scope: TS.Node }
  | { statement?: undefined; body: TS.Expression; scope: TS.ArrowFunction };

/**
 * Where a `let` is declared once per run of the chain: the chain is an expression statement, a `return`
 * or a declaration, directly in a block or the file, or an arrow's concise body, with no function between
 * them (a `let` outside an arrow would be shared by every call of it).
 */
export function chainStatement(root: TS.CallExpression): ChainStatement | undefined {
  const ts = typescript();
  let node: TS.Node = root;
  for (;;) {
    const parent = node.parent;
    if (!parent) return undefined;
    if (ts.isArrowFunction(parent) && parent.body === node) return { body: node as TS.Expression, scope: parent };
    if (ts.isExpressionStatement(parent) || ts.isReturnStatement(parent)) {
      node = parent;
      break;
    }
    if (
      ts.isVariableDeclaration(parent) &&
      parent.initializer === node &&
      ts.isVariableStatement(parent.parent.parent)
    ) {
      node = parent.parent.parent;
      break;
    }
    // Any other statement (a loop's head, an `if` condition) may run the chain more than once per `let`.
    if (ts.isStatement(parent) || ts.isFunctionLike(parent) || ts.isClassLike(parent) || ts.isSourceFile(parent))
      return undefined;
    if (ts.isBlock(parent) || ts.isVariableDeclaration(parent)) return undefined;
    node = parent;
  }
  const holder = node.parent;
  if (!holder || !(ts.isBlock(holder) || ts.isSourceFile(holder))) return undefined;
  const scope = ts.isBlock(holder) && ts.isFunctionLike(holder.parent) ? holder.parent : holder;
  return { statement: node as TS.Statement, scope };
}

/**
 * The variables of `handler` the inner handlers `moved` read, and the edits that carry them; or the
 * reason one can't be carried. `taken` holds every name in use (the file's and the ones made for this
 * chain) and gets the new ones; `chosen` the names already declared above this chain.
 */
export function carryClosures(
  sf: TS.SourceFile,
  kind: string,
  handler: TS.ArrowFunction | TS.FunctionExpression,
  moved: readonly TS.Node[],
  where: ChainStatement | undefined,
  taken: Set<string>,
  chosen: Set<string>,
  /** When `sf` holds only the chain's statement (chainText.ts): what its block declares and reads outside it. */
  outside?: (name: string) => boolean,
): Carry | { reason: string } {
  const ts = typescript();
  const facts = factsOf(sf, kind);
  const scopes = facts.scopes;
  const read = new Set<string>();
  for (const node of moved)
    for (const [name, ids] of referencedNames(node))
      if (ids.some((id) => scopes.resolve(id) === handler)) read.add(name);
  const carry: Carry = { edits: [], renames: [], assignments: [], carried: [] };
  if (read.size === 0) return carry;
  const first = [...read][0];
  if (!where)
    return {
      reason: `an inner handler uses \`${first}\` from the outer handler, and the chain is not a statement of its own block or an arrow's body, where the fix could declare it`,
    };
  if (ts.isFunctionExpression(handler) && handler.name && read.has(handler.name.text))
    return { reason: `an inner handler calls the outer handler \`${handler.name.text}\` by its own name` };
  const body = handler.body;
  const statements: readonly TS.Statement[] = ts.isBlock(body) ? body.statements : [];
  const movedStatements = new Set<TS.VariableStatement>();
  const names: Array<{ name: string; node: TS.ParameterDeclaration | TS.VariableDeclaration }> = [];
  for (const name of read) {
    const param = handler.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (param) {
      if (param.initializer || param.dotDotDotToken)
        return { reason: `an inner handler uses \`${name}\`, a parameter of the outer handler with a default or rest` };
      names.push({ name, node: param });
      continue;
    }
    if (handler.parameters.some((p) => bindingNames(p.name).includes(name)))
      return { reason: `an inner handler uses \`${name}\`, which comes out of a destructuring pattern` };
    const statement = statements
      .filter((s): s is TS.VariableStatement => ts.isVariableStatement(s))
      .find((s) => s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
    if (!statement)
      return {
        reason: `an inner handler uses \`${name}\` from the outer handler, declared in a way the fix can't move (only parameters and declarations at the top of the handler)`,
      };
    movedStatements.add(statement);
  }
  // A moved declaration becomes assignments: each of its names is declared above the chain.
  for (const statement of movedStatements) {
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer)
        return {
          reason: `an inner handler uses a variable of the outer handler whose declaration (line ${lineOf(statement)}) has no initial value or destructures`,
        };
      const name = d.name.text;
      // A `let`/`const` read before its declaration throws; as an assignment to a variable above the chain it would not.
      if (statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) {
        const early = referencesTo(body, name).find(
          (id) => id.getStart(sf) < statement.getStart(sf) && scopes.resolve(id) === handler,
        );
        if (early) return { reason: `\`${name}\` is read before its declaration (line ${lineOf(early)})` };
      }
      if (!names.some((n) => n.name === name)) names.push({ name, node: d });
      if (d.type) carry.edits.push({ start: d.name.getEnd(), end: d.type.getEnd(), text: '' });
    }
    const list = statement.declarationList;
    carry.edits.push({ start: list.getStart(sf), end: list.declarations[0].getStart(sf), text: '' });
  }
  for (const { name, node } of names) {
    // The name above the chain is the variable's own unless the block around the chain declares or reads it.
    const clash =
      chosen.has(name) ||
      (outside ? outside(name) : scopes.declared(where.scope).has(name)) ||
      facts.outerReferences(where.scope, name).length > 0;
    const as = clash ? fresh(taken, name) : name;
    taken.add(as);
    chosen.add(as);
    const type = node.type ? `: ${node.type.getText(sf)}` : '';
    carry.carried.push({ name: as, declaration: `${as}${type}` });
    if (as !== name)
      for (const id of referencesTo(handler, name)) {
        if (scopes.resolve(id) !== handler || ts.isParameter(id.parent)) continue;
        const shorthand = ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id;
        carry.renames.push({ start: id.getStart(sf), end: id.getEnd(), text: shorthand ? `${name}: ${as}` : as });
      }
    if (ts.isParameter(node)) {
      const value = fresh(taken, `${name}Value`);
      carry.edits.push({ start: node.name.getStart(sf), end: node.name.getEnd(), text: value });
      carry.assignments.push(`${as} = ${value};`);
    }
  }
  return carry;
}

function fresh(taken: Set<string>, base: string): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}${k}`;
  taken.add(name);
  return name;
}

/**
 * What goes before each assignment put first in a block body: a new line at the indentation of the
 * body's statements, or a space when the body is written on the line of its `{`.
 */
export function bodyLineStart(text: string, body: TS.Block, sf: TS.SourceFile): string {
  const first = body.statements[0];
  if (!first) return `\n${indentAt(text, body.getStart(sf))}  `;
  const between = text.slice(body.getStart(sf) + 1, first.getStart(sf));
  return between.includes('\n') ? `\n${indentAt(text, first.getStart(sf))}` : ' ';
}
