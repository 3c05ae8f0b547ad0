import { analyze, chainRoot, type Analysis, type Finding } from './analyze';
import { factsOf } from './facts';
import { bodyLineStart, carryClosures, chainStatement, type CarriedName } from './carry';
import { chainText } from './chainText';
import { usesOwnThis } from '../syntax/nodes';
import { isCallback } from './roles';
import { applyEdits, indentAt, reindent, templateRanges, type Edit } from './text';
import { parse, type ScriptKindName } from '../syntax/parse';
import { typescript, type TS } from '../syntax/typescript';

/** What the rounds of one flattening share: the names in use, and the variables declared above the chain. */
interface Names {
  taken: Set<string>;
  chosen: Set<string>;
  carried: CarriedName[];
}

/**
 * Flattens `a.then(x => b(x).then(f))` into `a.then(x => b(x)).then(f)`, repeated until the chain is
 * flat. An inner handler that reads the outer handler's variables gets them through `let`s declared
 * above the chain (`carry.ts`). Declines when the inner chain has its own `.catch`/`.finally` (moving
 * it would also catch the outer chain's errors).
 */
export function flattenNestedThen(
  analysis: Analysis,
  finding: Finding,
  /** Names other rewrites applied with this one declare in the same block: as if declared there. */
  reserved: ReadonlySet<string> = new Set(),
): { edits: Edit[]; declares?: { block: string; names: string[] } } | { reason: string } {
  const sf = analysis.parsed.sourceFile;
  const root = chainRoot(finding.path[0] as TS.CallExpression);
  const start = root.getStart(sf);
  const end = root.getEnd();
  const names: Names = {
    taken: new Set([...factsOf(sf, analysis.kind).names, ...reserved]),
    chosen: new Set(reserved),
    carried: [],
  };
  const first = step(analysis, finding, names);
  if ('reason' in first) return first;
  // The later rounds re-read only the chain's statement (chainText.ts), so that planning every nested
  // chain of a file stays linear; the whole file when that can't stand for it.
  const original = analysis.parsed.text;
  const piece = chainText(sf, analysis.kind, root);
  let local = !!piece && first.edits.every((e) => e.start >= piece.base && e.end <= piece.base + piece.copiedEnd);
  const whole = (): string => applyEdits(original, first.edits);
  let text = local
    ? applyEdits(
        piece!.text,
        first.edits.map((e) => ({ ...e, start: e.start - piece!.base, end: e.end - piece!.base })),
      )
    : whole();
  for (let round = 0; round < 20; round++) {
    let again = analyze(text, analysis.kind, analysis.maxDepth);
    // A statement that does not parse alone (a `yield` out of its generator) is read in the whole file.
    if (local && round === 0 && again.parsed.errors.length > 0) {
      local = false;
      text = whole();
      again = analyze(text, analysis.kind, analysis.maxDepth);
    }
    const offset = local ? piece!.base : 0;
    const next = again.findings.find(
      (f) =>
        f.rule === 'nested-then' &&
        chainRoot(f.path[0] as TS.CallExpression).getStart(again.parsed.sourceFile) === start - offset,
    );
    if (!next) break;
    const more = step(again, next, names, local ? piece!.outside : undefined);
    if ('reason' in more) break;
    text = applyEdits(text, more.edits);
  }
  const base = local ? piece!.base : 0;
  const before = local ? piece!.text : original;
  const delta = text.length - before.length;
  /** The new text of [from, to) of the file. */
  const now = (from: number, to: number): string => text.slice(from - base, to - base + delta);
  const edits: Edit[] = [{ start, end, text: now(start, end) }];
  const where = chainStatement(root);
  if (names.carried.length === 0 || !where) return { edits };
  // The values the flattened handlers read from the handlers they were in, declared once above the chain.
  const declarations = `let ${names.carried.map((c) => c.declaration).join(', ')};`;
  const declares = names.carried.map((c) => c.name);
  if (where.body) {
    // A concise arrow body becomes a block that declares them and returns the chain, one step deeper.
    const bodyStart = where.body.getStart(sf);
    const bodyEnd = where.body.getEnd();
    const own = indentAt(original, where.scope.getStart(sf));
    const arrowEnd = where.scope.equalsGreaterThanToken.getEnd();
    // From the arrow, so a body written on the next line does not leave `{` alone there; not over a comment.
    const arrow = original.slice(arrowEnd, bodyStart).trim() === '' ? arrowEnd : bodyStart;
    const chain = indentLines(now(bodyStart, bodyEnd), UNIT, analysis.kind);
    const block = `{\n${own}${UNIT}${declarations}\n${own}${UNIT}return ${chain};\n${own}}`;
    return {
      edits: [{ start: arrow, end: bodyEnd, text: `${arrow === bodyStart ? '' : ' '}${block}` }],
      declares: { block: `arrow:${where.scope.pos}:${where.scope.end}`, names: declares },
    };
  }
  const at = where.statement.getStart(sf);
  edits.push({ start: at, end: at, text: `${declarations}\n${indentAt(original, at)}` });
  const holder = where.statement.parent;
  return { edits, declares: { block: `${holder.kind}:${holder.pos}:${holder.end}`, names: declares } };
}

const UNIT = '  ';

/** `code` with every line after the first indented one step more, except lines inside a multi-line literal. */
function indentLines(code: string, unit: string, kind: ScriptKindName): string {
  const literals = templateRanges(parse(`(${code}\n)`, kind).sourceFile).map(([s, e]) => [s - 1, e - 1]);
  let out = '';
  let from = 0;
  for (let at = code.indexOf('\n'); at !== -1; at = code.indexOf('\n', at + 1)) {
    if (literals.some(([s, e]) => at > s && at < e)) continue;
    out += code.slice(from, at + 1) + unit;
    from = at + 1;
  }
  return out + code.slice(from);
}

function step(
  analysis: Analysis,
  finding: Finding,
  names: Names,
  outside?: (name: string) => boolean,
): { edits: Edit[] } | { reason: string } {
  const ts = typescript();
  const sf = analysis.parsed.sourceFile;
  const text = analysis.parsed.text;
  const outer = finding.path[0] as TS.CallExpression;
  const inner = finding.path[1] as TS.CallExpression;
  const name = (outer.expression as TS.PropertyAccessExpression).name.text;
  if (name !== 'then' || outer.arguments.length !== 1 || !isCallback(outer.arguments[0])) {
    return {
      reason: `the outer .${name} has ${outer.arguments.length === 2 ? 'a rejection handler' : 'no inline handler'}; flattening would change which errors it sees`,
    };
  }
  const handler = outer.arguments[0] as TS.FunctionExpression | TS.ArrowFunction;
  let holder: TS.Node = inner;
  while (ts.isParenthesizedExpression(holder.parent)) holder = holder.parent;
  const body = handler.body;
  let returned: boolean;
  if (holder.parent === handler) returned = true;
  else if (
    ts.isReturnStatement(holder.parent) &&
    ts.isBlock(body) &&
    body.statements[body.statements.length - 1] === holder.parent
  )
    returned = true;
  else if (
    ts.isExpressionStatement(holder.parent) &&
    ts.isBlock(body) &&
    body.statements[body.statements.length - 1] === holder.parent
  ) {
    returned = false;
    if (chainRoot(outer) !== outer || !ts.isExpressionStatement(outer.parent)) {
      return {
        reason:
          'the inner chain is not returned, and the outer chain goes on; flattening would make the later steps wait for it',
      };
    }
  } else {
    return {
      reason: "the inner chain is not the last thing the handler does, so its steps can't move after the handler",
    };
  }
  // The inner chain's links, innermost first, and its base.
  const links: TS.CallExpression[] = [];
  let base: TS.Expression = inner;
  while (
    ts.isCallExpression(base) &&
    ts.isPropertyAccessExpression(base.expression) &&
    ['then', 'catch', 'finally'].includes(base.expression.name.text)
  ) {
    const link = base;
    const method = (link.expression as TS.PropertyAccessExpression).name.text;
    if (method !== 'then' || link.arguments.length !== 1) {
      return {
        reason: `the inner chain has its own .${method}${method === 'then' ? ' with a rejection handler' : ''}; after flattening it would also see the outer chain's errors`,
      };
    }
    links.unshift(link);
    base = (link.expression as TS.PropertyAccessExpression).expression;
  }
  for (const link of links) {
    if (
      ts.isFunctionExpression(handler) &&
      usesOwnThis(link.arguments[0]) &&
      !ts.isFunctionExpression(link.arguments[0])
    ) {
      return { reason: 'an inner handler uses `this` of the outer handler' };
    }
  }
  const moved = links.map((link) => link.arguments[0]);
  const where = chainStatement(chainRoot(outer));
  const carry = carryClosures(sf, analysis.kind, handler, moved, where, names.taken, names.chosen, outside);
  if ('reason' in carry) return carry;
  names.carried.push(...carry.carried);
  const holderStart = holder.getStart(sf);
  const holderEnd = holder.getEnd();
  const inside = (e: Edit): boolean => e.start >= holderStart && e.end <= holderEnd;
  const templates = factsOf(sf, analysis.kind).templatesFor(chainRoot(outer));
  const indent = indentAt(text, chainRoot(outer).getStart(sf));
  const unit = UNIT;
  // A chain written link by link on new lines, or on one line, gets its moved links on new lines; one
  // whose outer `.then` follows its receiver on the line and whose handler spans lines gets them after
  // the handler's `})`, as a person writes `}).then((b) => {`, the moved handler's `}` under that one.
  const dot = outer.expression as TS.PropertyAccessExpression;
  const becomesBlock = carry.assignments.length > 0 && holder.parent === handler;
  const inline =
    !text.slice(dot.expression.getEnd(), dot.name.getStart(sf)).includes('\n') &&
    (becomesBlock || text.slice(dot.name.getEnd(), outer.getEnd()).includes('\n'));
  const closing = inline ? indentAt(text, outer.getEnd() - 1) : indent + unit;
  const movedText = moved
    .map((arg) => {
      const lines = reindent(text, arg.getStart(sf), arg.getEnd(), closing, templates, carry.renames);
      lines[0] = lines[0].trimStart();
      return `${inline ? '' : `\n${indent}${unit}`}.then(${lines.join('\n')})`;
    })
    .join('');
  const baseText = withEdits(text, base.getStart(sf), base.getEnd(), carry.renames);
  const edits: Edit[] = [...carry.edits, ...carry.renames.filter((e) => !inside(e))];
  const assignments = carry.assignments;
  if (assignments.length > 0 && ts.isBlock(body)) {
    const lineStart = bodyLineStart(text, body, sf);
    const at = body.getStart(sf) + 1;
    edits.push({ start: at, end: at, text: assignments.map((line) => `${lineStart}${line}`).join('') });
  }
  if (becomesBlock) {
    // A concise body becomes a block: the assignments first, then the value it returned.
    const own = indentAt(text, handler.getStart(sf));
    const lines = [...assignments, `return ${baseText};`].map((line) => `${own}${unit}${line}\n`).join('');
    // From the arrow, so a body written on the next line does not leave `{` alone there.
    const arrow = ts.isArrowFunction(handler) ? handler.equalsGreaterThanToken.getEnd() : holderStart;
    const from = text.slice(arrow, holderStart).trim() === '' ? arrow : holderStart;
    edits.push({ start: from, end: holderEnd, text: `${from === holderStart ? '' : ' '}{\n${lines}${own}}` });
  } else if (returned)
    edits.push({ start: holderStart, end: holderEnd, text: holder === inner ? baseText : `(${baseText})` });
  else edits.push({ start: holder.parent.getStart(sf), end: holder.parent.getEnd(), text: `return ${baseText};` });
  edits.push({ start: outer.getEnd(), end: outer.getEnd(), text: movedText });
  return { edits };
}

/** The source of [start, end) with the edits inside it applied. */
function withEdits(text: string, start: number, end: number, edits: readonly Edit[]): string {
  const inside = edits
    .filter((e) => e.start >= start && e.end <= end)
    .map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return applyEdits(text.slice(start, end), inside);
}
