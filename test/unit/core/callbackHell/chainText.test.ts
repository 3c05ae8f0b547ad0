import * as assert from 'node:assert/strict';
import { analyze, applyEdits, planFix } from '../../../../src/core/callbackHell';

/** The one nested-then finding's plan, applied; or its reason. */
function flatten(text: string): string {
  const analysis = analyze(text, 'JS');
  const findings = analysis.findings.filter((f) => f.rule === 'nested-then');
  assert.equal(findings.length, 1, 'one nested-then finding');
  const plan = planFix(analysis, findings[0], 'then');
  return 'reason' in plan ? `reason: ${plan.reason}` : applyEdits(text, plan.edits);
}

const chain = `get().then((a) => more(a).then((b) => last(b).then((c) => [a, b, c])))`;

// The rounds after the first re-read only the chain's statement (chainText.ts): what the block declares
// and reads outside it must still rename the values carried in those rounds.
describe('nested .then: the later rounds of flattening read the chain, and the block around it', () => {
  it('renames a value carried in the second round when the function declares its name outside the statement', () => {
    const out = flatten(`function f() {\n  const b = 'outer';\n  console.log(b);\n  return ${chain};\n}\n`);
    assert.match(out, /\n {2}let a, b2;\n/);
    assert.match(out, /\[a, b2, c\]/);
    assert.match(out, /const b = 'outer';\n {2}console\.log\(b\);/, 'the outer b is untouched');
  });

  it('renames it when a later statement of the block reads that name (a global)', () => {
    const out = flatten(`function f() {\n  const p = ${chain};\n  return p.then(() => b);\n}\n`);
    assert.match(out, /\n {2}let a, b2;\n/);
    assert.match(out, /return p\.then\(\(\) => b\);/);
  });

  it('flattens every level of a chain whose statement does not parse alone (a yield), reading the whole file', () => {
    const out = flatten(`function* g() {\n  const v = yield ${chain};\n  return v;\n}\n`);
    assert.equal(analyze(out).findings.length, 0, out);
    assert.match(out, /\n {2}let a, b;\n {2}const v = yield get\(\)/);
  });

  it('in a case clause (no block of its own) stops where a value would have to be carried, as before', () => {
    const out = flatten(
      `switch (k) {\n  case 1:\n    get().then((a) => more(a).then((b) => last(b).then((c) => b + c)));\n}\n`,
    );
    assert.equal(
      out,
      `switch (k) {\n  case 1:\n    get().then((a) => more(a))\n      .then((b) => last(b).then((c) => b + c));\n}\n`,
    );
  });

  it('keeps the lines of a multi-line template literal around the chain as they are', () => {
    const text = `const t = \`\${(() => {\n    return ${chain.replace('(c) => [a, b, c]', '(c) => {\n        return [a, b, c];\n    }')};\n})()}\`;\n`;
    const out = flatten(text);
    assert.match(out, /\n {8}return \[a, b, c\];\n {4}\}\);\n\}\)\(\)\}`;\n$/, out);
  });
});
