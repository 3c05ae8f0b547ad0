import { declaredBy, resolvesTo } from './declared';
import type { Pyramid, PyramidLevel } from './pyramid';
import { referencesTo } from '../syntax/names';
import { isInside, lineOf } from '../syntax/nodes';
import type { Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

/**
 * A variable of one level that a later step reads: the chain declares it above itself as `as`, and
 * the level sets it. `as` is the variable's own name unless that would clash (another level declares
 * the same name, the code around the pyramid has one, or reads one the `let` would hide); then it is
 * a fresh name, and every read of this level's variable in the steps is renamed to it.
 */
export interface Hoist {
  level: PyramidLevel;
  node: TS.Node;
  name: string;
  as: string;
}

/** The variables later steps read from earlier levels, one per declaration. */
export function findHoists(pyramid: Pyramid, stepReferences: (j: number) => TS.Identifier[]): Hoist[] {
  const { levels, scopes } = pyramid;
  const found = new Map<string, Hoist>();
  for (let j = 1; j < levels.length; j++) {
    for (const ref of stepReferences(j)) {
      for (let i = j - 1; i >= 0; i--) {
        const node = declaredBy(levels[i]).get(ref.text);
        if (node && resolvesTo(scopes, ref, levels[i])) {
          const key = `${i}:${ref.text}`;
          if (!found.has(key)) found.set(key, { level: levels[i], node, name: ref.text, as: ref.text });
          break;
        }
      }
    }
  }
  return [...found.values()];
}

/**
 * Checks the hoists, names them, and adds the edits that turn their declarations into assignments and
 * rename their reads; returns the reason when one can't move. `hoists` grows by the other names of a
 * moved `var` statement (all of them become assignments).
 */
export function planHoists(
  pyramid: Pyramid,
  hoists: Hoist[],
  sf: TS.SourceFile,
  fresh: (base: string) => string,
  edits: Edit[],
  /** Names other rewrites applied with this one declare in the same block. */
  reserved: ReadonlySet<string> = new Set(),
): string | undefined {
  const ts = typescript();
  const { levels, scopes, facts } = pyramid;
  const statement = levels[0].statement!;
  const holder = statement.parent;
  const holderScope = ts.isBlock(holder) && ts.isFunctionLike(holder.parent) ? holder.parent : holder;
  for (const { name, level, node } of hoists) {
    const where = `\`${name}\` from level ${level.index + 1} is used by a later step`;
    if (ts.isParameter(node)) {
      if (!ts.isIdentifier(node.name)) return `${where}, and it comes out of a destructuring pattern`;
      continue;
    }
    if (!ts.isVariableStatement(node) || !(level.body as TS.Statement[]).includes(node))
      return `${where}, and it is declared in a way the fix can't move`;
    for (const d of node.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer)
        return `${where}, and its declaration has no initial value or destructures`;
    }
    // A `let`/`const` read before its declaration throws; as an assignment to a variable above the chain it would not.
    if (node.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) {
      const early = referencesTo(level.callback.body, name).find(
        (id) => id.getStart(sf) < node.getStart(sf) && pyramid.scopes.resolve(id) === pyramid.scopes.resolve(d0(node)),
      );
      if (early) return `${where}, and line ${lineOf(early)} reads it before its declaration`;
    }
  }
  // A moved `var` statement becomes assignments: each of its names is declared above the chain.
  const moved = new Set<TS.Node>();
  for (const hoist of [...hoists]) {
    const node = hoist.node;
    if (!ts.isVariableStatement(node) || moved.has(node)) continue;
    moved.add(node);
    for (const d of node.declarationList.declarations) {
      const name = (d.name as TS.Identifier).text;
      if (!hoists.some((h) => h.level === hoist.level && h.name === name))
        hoists.push({ level: hoist.level, node, name, as: name });
      if (d.type) edits.push({ start: d.name.getEnd(), end: d.type.getEnd(), text: '' });
    }
    const list = node.declarationList;
    edits.push({ start: list.getStart(sf), end: list.declarations[0].getStart(sf), text: '' });
  }
  const used = new Set<string>();
  for (const hoist of hoists) {
    const { name, level } = hoist;
    const clash =
      used.has(name) ||
      reserved.has(name) ||
      scopes.declared(holderScope).has(name) ||
      facts.outerReferences(holderScope, name).some((id) => !isInside(id, level.callback)) ||
      levels.some((other) => other !== level && declaredBy(other).has(name));
    hoist.as = clash ? fresh(name) : name;
    used.add(hoist.as);
    if (clash) edits.push(...renames(pyramid, hoist, statement));
  }
  return undefined;
}

/** Every read and write of the hoist's variable where the steps run (not in its own callback's error check). */
function renames(pyramid: Pyramid, hoist: Hoist, statement: TS.Node): Edit[] {
  const ts = typescript();
  const { level, name, as } = hoist;
  const error = level.error;
  const sf = statement.getSourceFile();
  const errorStart = error ? (error.prelude[0] ?? error.ifStatement).getStart(sf) : -1;
  const errorEnd = error ? error.ifStatement.thenStatement.getEnd() : -1;
  const edits: Edit[] = [];
  for (const id of referencesTo(statement, name)) {
    if (!resolvesTo(pyramid.scopes, id, level)) continue;
    if (level.callback.parameters.some((p) => isInside(id, p))) continue;
    const at = id.getStart(sf);
    if (at >= errorStart && at < errorEnd) continue;
    const shorthand = ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id;
    edits.push({ start: at, end: id.getEnd(), text: shorthand ? `${name}: ${as}` : as });
  }
  return edits;
}

/** The name of the statement's first declaration: resolving it gives the scope the statement declares in. */
function d0(node: TS.VariableStatement): TS.Identifier {
  return node.declarationList.declarations[0].name as TS.Identifier;
}
