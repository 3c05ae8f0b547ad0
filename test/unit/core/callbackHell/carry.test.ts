import * as assert from 'node:assert/strict';
import { analyze, applyEdits, fixAll, planFix } from '../../../../src/core/callbackHell';

/** The one nested-then finding's plan, applied; or its reason. */
function flatten(text: string, kind: 'JS' | 'TS' = 'JS'): string {
  const analysis = analyze(text, kind);
  const findings = analysis.findings.filter((f) => f.rule === 'nested-then');
  assert.equal(findings.length, 1, 'one nested-then finding');
  const plan = planFix(analysis, findings[0], 'then');
  return 'reason' in plan ? `reason: ${plan.reason}` : applyEdits(text, plan.edits);
}

describe('nested .then: values of the outer handler carried above the flattened chain', () => {
  it('carries a parameter an inner handler reads in a let, set first thing by the outer handler', () => {
    assert.equal(
      flatten(`get().then((a) => more(a).then((b) => console.log(a, b)));\n`),
      `let a;\nget().then((aValue) => {\n  a = aValue;\n  return more(a);\n}).then((b) => console.log(a, b));\n`,
    );
  });

  it('carries every level of a three-level pyramid, and declares them in one let', () => {
    const out = flatten(
      `function f() {\n  return get().then((a) => {\n    return more(a).then((b) => {\n      return last(a, b).then((c) => [a, b, c]);\n    });\n  });\n}\n`,
    );
    assert.equal(
      out,
      `function f() {\n  let a, b;\n  return get().then((aValue) => {\n    a = aValue;\n    return more(a);\n  })` +
        `.then((bValue) => {\n    b = bValue;\n    return last(a, b);\n  }).then((c) => [a, b, c]);\n}\n`,
    );
  });

  it('turns a const at the top of the outer handler into an assignment, with its type on the let (TypeScript)', () => {
    assert.equal(
      flatten(
        `get().then((a: number) => {\n  const k: string = String(a);\n  return more(k).then((b) => k + b + a);\n});\n`,
        'TS',
      ),
      `let a: number, k: string;\nget().then((aValue: number) => {\n  a = aValue;\n  k = String(a);\n  return more(k);\n}).then((b) => k + b + a);\n`,
    );
  });

  it('renames the carried value when the block around the chain declares or reads its name', () => {
    const declared = flatten(`const a = 0;\nget().then((a) => more(a).then((b) => console.log(a, b)));\n`);
    assert.match(
      declared,
      /^const a = 0;\nlet a2;\nget\(\)\.then\(\(aValue\) => \{\n {2}a2 = aValue;\n {2}return more\(a2\);/,
    );
    assert.match(declared, /\.then\(\(b\) => console\.log\(a2, b\)\);\n$/);
    const read = flatten(`get().then((a) => more(a).then((b) => b + a)).then(() => console.log(a));\n`);
    assert.match(read, /^let a2;\n/);
    assert.match(read, /console\.log\(a\)\);\n$/, 'the later step still reads the outer `a`');
  });

  it('renames a carried declaration, its other names and a shorthand property when the name is taken', () => {
    assert.equal(
      flatten(
        `const k = 'outer';\nget().then((a) => { const k = a * 2, j = 1; return more(k).then((b) => use(k, b, { k })); });\nuse(k);\n`,
      ),
      `const k = 'outer';\nlet k2, j;\nget().then((a) => { k2 = a * 2, j = 1; return more(k2); })\n  .then((b) => use(k2, b, { k: k2 }));\nuse(k);\n`,
    );
  });

  it('puts the let inside the loop body, so each turn has its own', () => {
    const out = flatten(`for (const x of xs) {\n  get(x).then((a) => more(a).then((b) => use(a, b, x)));\n}\n`);
    assert.match(out, /^for \(const x of xs\) \{\n {2}let a;\n {2}get\(x\)\.then\(\(aValue\) => \{/);
  });

  it('gives an arrow whose concise body is the chain a block body that declares the values (one per call)', () => {
    assert.equal(
      flatten(`const both = (id) => get(id).then((a) => more(a).then((b) => [a, b, id]));\n`),
      `const both = (id) => {\n  let a;\n  return get(id).then((aValue) => {\n    a = aValue;\n    return more(a);\n  }).then((b) => [a, b, id]);\n};\n`,
    );
    // The arrow's own parameter is a name the block declares: the carried one is renamed.
    assert.match(flatten(`const f = (a) => get(a).then((a) => more(a).then((b) => a + b));\n`), /\{\n {2}let a2;\n/);
  });

  it('keeps a one-line handler body on its line', () => {
    assert.equal(
      flatten(`get().then((a) => { more(a).then((b) => console.log(a, b)); });\n`),
      `let a;\nget().then((aValue) => { a = aValue; return more(a); })\n  .then((b) => console.log(a, b));\n`,
    );
  });

  it('carries nothing when the inner handlers read only their own values', () => {
    assert.equal(
      flatten(`get().then((a) => more(a).then((a) => more(a).then((b) => use(b))));\n`),
      `get().then((a) => more(a))\n  .then((a) => more(a))\n  .then((b) => use(b));\n`,
    );
  });

  const declines: Array<[string, string, RegExp]> = [
    [
      'the chain is in a loop head',
      `for (let p = get().then((a) => more(a).then((b) => use(a, b))); ; ) break;\n`,
      /not a statement of its own block/,
    ],
    [
      'a destructured parameter',
      `get().then(({ a }) => more(a).then((b) => use(a, b)));\n`,
      /uses `a`, which comes out of a destructuring pattern/,
    ],
    [
      'a parameter with a default',
      `get().then((a = 1) => more(a).then((b) => use(a, b)));\n`,
      /parameter of the outer handler with a default or rest/,
    ],
    [
      'a var declared inside a branch',
      `get().then((a) => { if (a) { var k = 1; } return more(a).then((b) => use(k, b)); });\n`,
      /uses `k` from the outer handler, declared in a way the fix can't move/,
    ],
    [
      'a const read before its declaration',
      `get().then((a) => { use(k); const k = 1; return more(a).then((b) => use(k, b)); });\n`,
      /`k` is read before its declaration/,
    ],
    [
      'a declaration without a value',
      `get().then((a) => { let k; k = a; return more(a).then((b) => use(k, b)); });\n`,
      /has no initial value or destructures/,
    ],
    [
      'an inner .then with a rejection handler',
      `get().then((a) => more(a).then((b) => use(a, b), (e) => 0));\n`,
      /own \.then with a rejection handler/,
    ],
  ];
  for (const [name, text, reason] of declines) {
    it(`declines, with its reason: ${name}`, () => {
      const out = flatten(text);
      assert.match(out, /^reason: /);
      assert.match(out, reason);
    });
  }

  it('fixAll applies two flattened chains in one block, each with its own names', () => {
    const text = `get().then((a) => more(a).then((b) => use(a, b)));\nget().then((a) => more(a).then((b) => use(a, b)));\n`;
    const result = fixAll(text, 'JS', 'then');
    assert.equal(result.fixed, 2);
    assert.deepEqual(analyze(result.text).parsed.errors, []);
    assert.equal(analyze(result.text).findings.length, 0);
    assert.match(result.text, /^let a;\n/);
    assert.match(result.text, /\nlet a2;\n/);
  });
});
