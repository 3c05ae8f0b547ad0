import { analyze, chainRoot, type Analysis, type Finding } from './analyze';
import { factsOf } from './facts';
import { referencedNames } from '../syntax/names';
import { usesOwnThis } from '../syntax/nodes';
import { isCallback } from './roles';
import { applyEdits, indentAt, reindent, type Edit } from './text';
import { typescript, type TS } from '../syntax/typescript';

/**
 * Flattens `a.then(x => b(x).then(f))` into `a.then(x => b(x)).then(f)`, repeated until the chain is
 * flat. Declines when an inner handler reads the outer handler's variables, or when the inner chain
 * has its own `.catch`/`.finally` (moving it would also catch the outer chain's errors).
 */
export function flattenNestedThen(analysis: Analysis, finding: Finding): { edits: Edit[] } | { reason: string } {
  const root = chainRoot(finding.path[0] as TS.CallExpression);
  const start = root.getStart(analysis.parsed.sourceFile);
  const end = root.getEnd();
  const first = step(analysis, finding);
  if ('reason' in first) return first;
  let text = applyEdits(analysis.parsed.text, first.edits);
  for (let round = 0; round < 20; round++) {
    const again = analyze(text, analysis.kind, analysis.maxDepth);
    const next = again.findings.find(
      (f) =>
        f.rule === 'nested-then' &&
        chainRoot(f.path[0] as TS.CallExpression).getStart(again.parsed.sourceFile) === start,
    );
    if (!next) break;
    const more = step(again, next);
    if ('reason' in more) break;
    text = applyEdits(text, more.edits);
  }
  const delta = text.length - analysis.parsed.text.length;
  return { edits: [{ start, end, text: text.slice(start, end + delta) }] };
}

function step(analysis: Analysis, finding: Finding): { edits: Edit[] } | { reason: string } {
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
  const scopes = factsOf(sf, analysis.kind).scopes;
  for (const link of links) {
    for (const [ref, ids] of referencedNames(link.arguments[0])) {
      if (ids.some((id) => scopes.resolve(id) === handler))
        return { reason: `an inner handler uses \`${ref}\` from the outer handler` };
    }
    if (
      ts.isFunctionExpression(handler) &&
      usesOwnThis(link.arguments[0]) &&
      !ts.isFunctionExpression(link.arguments[0])
    ) {
      return { reason: 'an inner handler uses `this` of the outer handler' };
    }
  }
  const templates = factsOf(sf, analysis.kind).templatesFor(chainRoot(outer));
  const indent = indentAt(text, chainRoot(outer).getStart(sf));
  const unit = '  ';
  const moved = links
    .map((link) => {
      const arg = link.arguments[0];
      const lines = reindent(text, arg.getStart(sf), arg.getEnd(), indent + unit, templates);
      lines[0] = lines[0].trimStart();
      return `\n${indent}${unit}.then(${lines.join('\n')})`;
    })
    .join('');
  const baseText = base.getText(sf);
  const edits: Edit[] = [];
  if (returned)
    edits.push({
      start: holder.getStart(sf),
      end: holder.getEnd(),
      text: holder === inner ? baseText : `(${baseText})`,
    });
  else edits.push({ start: holder.parent.getStart(sf), end: holder.parent.getEnd(), text: `return ${baseText};` });
  edits.push({ start: outer.getEnd(), end: outer.getEnd(), text: moved });
  return { edits };
}
