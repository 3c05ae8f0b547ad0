import * as assert from 'node:assert/strict';
import { analyze, fixAll } from '../../../../src/core/callbackHell';

/** `count` three-level pyramids side by side in one block: each rewrite declares `let a, b;` there. */
function pyramids(count: number): string {
  const out: string[] = ['function load(id, callback) { setTimeout(() => callback(null, { id }), 1); }'];
  for (let i = 0; i < count; i++)
    out.push(
      `load(${i}, (err, a) => {`,
      `  if (err) return console.error(err);`,
      `  load(a.id, (err, b) => {`,
      `    if (err) return console.error(err);`,
      `    load(b.id, (err, c) => {`,
      `      if (err) return console.error(err);`,
      `      console.log(a, b, c);`,
      `    });`,
      `  });`,
      `});`,
    );
  return `${out.join('\n')}\n`;
}

describe('fixAll: sites side by side in one block', () => {
  // Each rewrite used to wait for a round of its own when another declared the same names, and the
  // rounds stop at 100: the sites past the hundredth were left as they were, and not reported.
  it('fixes every one of 120 pyramids in one block, each with its own names', () => {
    const result = fixAll(pyramids(120), 'JS', 'then');
    assert.equal(result.fixed, 120);
    assert.deepEqual(result.declined, []);
    const after = analyze(result.text);
    assert.deepEqual(after.parsed.errors, []);
    assert.deepEqual(after.findings, []);
    const lets = result.text.match(/^let .*;$/gm) ?? [];
    assert.equal(lets.length, 120);
    assert.equal(new Set(lets).size, 120, 'no two declare the same names');
    assert.equal(lets[0], 'let a, b;');
    assert.equal(lets[1], 'let a2, b2;');
    assert.equal(lets[119], 'let a120, b120;');
  });

  it('does the same for nested .then chains whose values are carried in the same block', () => {
    const chains = Array.from({ length: 110 }, (_, i) => `get(${i}).then((x) => more(x).then((y) => use(x, y)));`);
    const result = fixAll(`${chains.join('\n')}\n`, 'JS', 'then');
    assert.equal(result.fixed, 110);
    assert.deepEqual(analyze(result.text).findings, []);
    const lets = result.text.match(/^let .*;$/gm) ?? [];
    assert.equal(new Set(lets).size, 110);
  });
});
