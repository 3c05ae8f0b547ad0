import * as assert from 'node:assert/strict';
import { analyze, planFix } from '../../../../src/core/callbackHell';
import { fixTitle, menuOrder } from '../../../../src/host/callbackHell/order';

describe('callback-hell light-bulb menu order', () => {
  it('puts every fix that applies first, the preferred one on top, and what is not offered after them', () => {
    const rows = [
      { name: 'then: not offered', applies: false, preferred: false },
      { name: 'then (disabled)', applies: false, preferred: false },
      { name: 'async', applies: true, preferred: false },
      { name: 'nested then', applies: true, preferred: true },
    ];
    assert.deepEqual(
      menuOrder(rows).map((r) => r.name),
      ['nested then', 'async', 'then: not offered', 'then (disabled)'],
    );
  });

  it('keeps the order of the styles when nothing applies, and when everything does', () => {
    const none = [
      { n: 1, applies: false, preferred: false },
      { n: 2, applies: false, preferred: false },
    ];
    assert.deepEqual(
      menuOrder(none).map((r) => r.n),
      [1, 2],
    );
    const all = [
      { n: 1, applies: true, preferred: true },
      { n: 2, applies: true, preferred: false },
    ];
    assert.deepEqual(
      menuOrder(all).map((r) => r.n),
      [1, 2],
    );
  });

  it('titles a fix of some levels with those levels, and a whole rewrite plainly', () => {
    const run = `const h = load(1, (a) => {\n  load(a, (b) => {\n    load(b, (c) => console.log(c));\n  });\n});\n`;
    const analysis = analyze(run);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok(!('reason' in plan));
    assert.equal(
      fixTitle('Rewrite as .then chain', plan.levels, analysis.findings[0].depth),
      'Rewrite as .then chain: levels 2 to 3 of 3, the others as they are',
    );
    const whole = analyze(`load(1, (a) => {\n  load(a, (b) => {\n    load(b, (c) => console.log(c));\n  });\n});\n`);
    const wholePlan = planFix(whole, whole.findings[0], 'then');
    assert.ok(!('reason' in wholePlan));
    assert.equal(fixTitle('Rewrite as .then chain', wholePlan.levels, 3), 'Rewrite as .then chain');
  });
});
