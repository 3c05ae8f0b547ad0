import { chainStatement } from './carry';
import { factsOf } from './facts';
import { typescript, type TS } from '../syntax/typescript';

/**
 * The text a nested chain's later rounds of flattening re-read. Each round re-parses the text it made;
 * parsing the whole file each time made `lint` quadratic in files with many nested chains. The rounds
 * change nothing outside the chain's statement, so a small text holding that statement in the same kind
 * of place is parsed instead: the statement itself (a statement of a block), the arrow whose concise body
 * it is, or, when the chain is in neither place, its statement in a `case` (so it again has no block of
 * its own). What the rounds read from outside it (the names its block declares and reads) comes from the
 * file's own tree, through `outside`.
 */
export interface ChainText {
  /** The text to parse: `prefix`, then the file's text from `from` on. */
  text: string;
  /** The file offset the text's offset 0 stands for: a file offset minus `base` is a text offset. */
  base: number;
  /** Where the copied source ends in `text` (what follows is the closing of a wrapper). */
  copiedEnd: number;
  /** For a chain that is a statement of a block: whether the block's scope declares or reads `name` outside the statement. */
  outside?: (name: string) => boolean;
}

/** The chain's text, or undefined when only the whole file can stand for it (a chain in a template literal). */
export function chainText(sf: TS.SourceFile, kind: string, root: TS.CallExpression): ChainText | undefined {
  const ts = typescript();
  const text = sf.text;
  const where = chainStatement(root);
  let node: TS.Node;
  if (where?.body) node = where.scope;
  else if (where) node = where.statement;
  else {
    let up: TS.Node = root;
    while (!ts.isStatement(up)) {
      if (!up.parent || ts.isSourceFile(up.parent)) return undefined;
      up = up.parent;
    }
    node = up;
  }
  // A multi-line literal around the statement keeps its lines as they are; only the file knows of it.
  for (let up = node.parent; up; up = up.parent)
    if (ts.isTemplateExpression(up) || ts.isNoSubstitutionTemplateLiteral(up) || ts.isStringLiteral(up))
      return undefined;
  const from = node.getStart(sf);
  const to = node.getEnd();
  // The statement's line keeps its indentation, which the rounds indent the moved handlers from.
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, from))![0];
  const [open, close] = where?.body ? ['(', ');'] : where ? ['', ''] : ['switch (0) {\ncase 0:\n', '\n}'];
  const prefix = `${indent}${open}`;
  const copy = `${prefix}${text.slice(from, to)}`;
  const result: ChainText = { text: `${copy}${close}`, base: from - prefix.length, copiedEnd: copy.length };
  if (where?.statement) {
    const facts = factsOf(sf, kind);
    const scope = where.scope;
    result.outside = (name) =>
      facts.scopes.declared(scope).has(name) ||
      facts.outerReferences(scope, name).some((id) => id.getStart(sf) < from || id.getStart(sf) >= to);
  }
  return result;
}
