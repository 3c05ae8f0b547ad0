import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  analyzeEdits,
  applyEdits,
  fixAll,
  planFix,
  scriptKindOf,
  type Analysis,
  type Finding,
} from '../../../../src/core/callbackHell';
import { repoRoot } from '../../../shared/paths';

const pyramid = (depth: number, call = 'step'): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `${'  '.repeat(i)}${call}(${i}, (v${i}) => {\n`;
    close = `${'  '.repeat(i)}});\n${close}`;
  }
  return `${open}${'  '.repeat(depth)}console.log('done');\n${close}`;
};

const rules = (findings: Finding[]): string[] => findings.map((f) => `${f.rule}:${f.depth}`);

describe('callback-hell analysis', () => {
  it('flags a pyramid at the configured depth, not below it', () => {
    assert.deepEqual(rules(analyze(pyramid(2)).findings), []);
    assert.deepEqual(rules(analyze(pyramid(3)).findings), ['callback-hell:3']);
    assert.deepEqual(rules(analyze(pyramid(3), 'JS', 4).findings), []);
    assert.deepEqual(rules(analyze(pyramid(5), 'JS', 4).findings), ['callback-hell:5']);
  });

  it('reports once per pyramid, on the outermost callee, with every level as related information', () => {
    const text = pyramid(4, 'fetchIt');
    const [finding] = analyze(text).findings;
    assert.equal(text.slice(finding.start, finding.end), 'fetchIt');
    assert.equal(finding.message, 'Callback hell: callbacks nested 4 deep (more than 3).');
    assert.equal(
      analyze(text, 'JS', 4).findings[0].message,
      'Callback hell: callbacks nested 4 deep (this rule flags 4 or more).',
      'at the limit the message does not read as allowed',
    );
    assert.equal(finding.levels.length, 4);
    assert.deepEqual(
      finding.levels.map((l) => text.slice(l.start, l.end)),
      ['fetchIt', 'fetchIt', 'fetchIt', 'fetchIt'],
    );
    assert.match(finding.levels[3].label, /^level 4: callback passed to fetchIt$/);
  });

  it('does not count array methods or test blocks as async nesting', () => {
    const text = `
describe('suite', () => {
  it('case', () => {
    items.forEach((item) => {
      item.children.map((child) => {
        load(child, (a) => {
          load(a, (b) => console.log(b));
        });
      });
    });
  });
});`;
    assert.deepEqual(rules(analyze(text).findings), []);
    assert.deepEqual(rules(analyze(text.replace('console.log(b)', 'load(b, (c) => c)')).findings), ['callback-hell:3']);
  });

  it('does not treat named callbacks passed by reference as a pyramid', () => {
    const text = `
function onC(c) { console.log(c); }
function onB(b) { load(b, onC); }
function onA(a) { load(a, onB); }
load(1, onA);`;
    assert.deepEqual(rules(analyze(text).findings), []);
  });

  it('starts counting again inside a function declared in a callback', () => {
    const text = `load(1, (a) => {
  load(a, (b) => {
    function later() {
      load(b, (c) => console.log(c));
    }
    later();
  });
});`;
    assert.deepEqual(rules(analyze(text).findings), []);
  });

  it('flags .then handlers that start further chains, once per chain, with the nesting depth', () => {
    const text = `get().then((a) => {
  return more(a).then((b) => other(b).then((c) => c));
}).catch((e) => console.error(e));
flat().then((a) => a).then((b) => b);`;
    const findings = analyze(text).findings;
    assert.deepEqual(rules(findings), ['nested-then:3']);
    assert.equal(text.slice(findings[0].start, findings[0].end), 'then');
  });

  it('parses JSX and TypeScript by file name or language id', () => {
    assert.equal(scriptKindOf('a.tsx'), 'TSX');
    assert.equal(scriptKindOf('a.mjs'), 'JS');
    assert.equal(scriptKindOf('typescriptreact'), 'TSX');
    assert.equal(scriptKindOf('a.py'), undefined);
    const tsx = `const App = () => <div onClick={() => load(1, (a: number) => load(a, (b) => load(b, (c) => c)))} />;`;
    assert.deepEqual(rules(analyze(tsx, 'TSX').findings), ['callback-hell:3']);
    assert.deepEqual(analyze(tsx, 'TSX').parsed.errors, []);
  });

  it('leaves every node of the tree with its parent set (the walk sets them, not the parser)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof import('typescript');
    const text = [
      '/** Loads a thing. @param {number} id */',
      'class Store<T> { @log add(key: string, value: T): this { return this; } get size() { return 1; } }',
      'const tag = html`<p>${[1, 2].map((n) => n * 2)}</p>`;',
      'enum Mode { A = 1 }',
      'export default function run({ a, b: [c] }: { a: number; b: number[] }, ...rest: unknown[]) {',
      '  label: for (const x of rest) { if (x) continue label; }',
      pyramid(3),
      '  return fetchIt(a).then((v) => fetchMore(v).then((w) => w + c));',
      '}',
    ].join('\n');
    const sf = analyze(text, 'TS').parsed.sourceFile;
    let count = 0;
    const check = (node: import('typescript').Node): void => {
      ts.forEachChild(node, (child) => {
        count++;
        assert.equal(child.parent, node, `${ts.SyntaxKind[child.kind]} at ${child.pos}`);
        check(child);
      });
    };
    check(sf);
    assert.ok(count > 100, `walked ${count} nodes`);
    const deepest = analyze(text, 'TS').findings.find((f) => f.rule === 'callback-hell')!.path[2];
    assert.equal(deepest.getSourceFile().fileName, 'file.ts');
    assert.match(deepest.getText(), /^\(v2\) => \{/);
  });

  it('reports nothing where the code does not parse, and still reports elsewhere', () => {
    const broken = `${pyramid(3)}\nload(1, (a) => {\n  load(a, (b) => {\n    load(b, (c) => {\n      console.log(c;\n    });\n  });\n});\n`;
    const analysis = analyze(broken);
    assert.ok(analysis.parsed.errors.length > 0);
    assert.deepEqual(rules(analysis.findings), ['callback-hell:3']);
    assert.equal(analysis.findings[0].start, 0);
  });

  it('offers no rewrite in a file that does not parse, and says where it fails', () => {
    for (const broken of ['const broken = (;', '}}']) {
      const text = `${pyramid(3)}\n${broken}\n`;
      const analysis = analyze(text);
      assert.equal(analysis.findings.length, 1, 'the finding is still reported');
      const plan = planFix(analysis, analysis.findings[0], 'then');
      assert.ok('reason' in plan, JSON.stringify(plan));
      assert.match(plan.reason, /the file does not parse \(line \d+\)/);
      const all = fixAll(text, 'JS', 'then');
      assert.equal(all.fixed, 0);
      assert.equal(all.text, text);
    }
  });
});

describe('callback-hell fixAll over many sites', () => {
  const site = (start: number, label: string): string => `load(${start}, (err, a) => {
  if (err) throw err;
  load(a, (err, b) => {
    if (err) throw err;
    load(b, (err, c) => {
      if (err) throw err;
      console.log('${label}', a, b, c);
    });
  });
});
`;
  it('applies sites that do not touch each other together, never adding util twice or declaring one name twice in a block', () => {
    const text = `const fs = require('fs');\nfunction load(x, callback) { setTimeout(() => callback(null, x + 1), 2); }\n${site(1, 'one')}${site(10, 'two')}`;
    const result = fixAll(text, 'JS', 'then');
    assert.equal(result.fixed, 2);
    assert.equal(result.text.match(/require\('util'\)/g)?.length, 1);
    assert.equal(result.text.match(/let a, b;/g)?.length, 1);
    // The second site can't declare `a` and `b` beside the first one's: its variables take fresh names.
    assert.match(result.text, /\nlet a2, b2;\n[^]*console\.log\('two', a2, b2, c\);/);
    assert.deepEqual(analyze(result.text).parsed.errors, []);
    assert.deepEqual(analyze(result.text).findings, []);
  });

  it('fixes every site of a large file in one pass, each in its own function', () => {
    const text = Array.from({ length: 200 }, (_, i) => `function f${i}() {\n${site(i, `s${i}`)}}\n`).join('');
    const withLoad = `const fs = require('fs');\nfunction load(x, callback) { setTimeout(() => callback(null, x + 1), 2); }\n${text}`;
    const result = fixAll(withLoad, 'JS', 'then');
    assert.equal(result.fixed, 200);
    assert.deepEqual(result.declined, []);
    assert.equal(result.text.match(/require\('util'\)/g)?.length, 1);
    assert.deepEqual(analyze(result.text).findings, []);
  });
});

describe('callback-hell analysis as the user types', () => {
  const summary = (a: Analysis): string =>
    JSON.stringify({
      errors: a.parsed.errors,
      findings: a.findings.map((f) => [f.rule, f.start, f.end, f.depth, f.levels]),
    });

  it('re-parsing only the edits finds what a fresh analysis finds, keystroke after keystroke', () => {
    const base = readFileSync(join(repoRoot, 'test/golden/rewrite/error-first-differ/input.js'), 'utf8');
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let incremental = analyze(base);
    let text = base;
    const snippets = ['x', '(', ')', '{', '}', ';', '\n', 'step(1, (q) => {', '});', '  ', 'if (err) return;'];
    for (let i = 0; i < 150; i++) {
      const start = rand(text.length + 1);
      const end = Math.min(text.length, start + (rand(3) === 0 ? rand(8) : 0));
      const insert = snippets[rand(snippets.length)];
      text = text.slice(0, start) + insert + text.slice(end);
      incremental = analyzeEdits(incremental, [{ start, end, text: insert }]);
      assert.equal(incremental.parsed.text, text);
      assert.equal(summary(incremental), summary(analyze(text)), `after edit ${i}`);
    }
  });
});

describe('callback-hell rewrite', () => {
  it('rewrites the classic success-only pyramid into one flat chain', () => {
    const text = pyramid(3);
    const analysis = analyze(text);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok(!('reason' in plan));
    assert.equal(
      applyEdits(text, plan.edits),
      `new Promise((resolve) => step(0, resolve))
  .then((v0) => new Promise((resolve) => step(1, resolve)))
  .then((v1) => new Promise((resolve) => step(2, resolve)))
  .then((v2) => {
    console.log('done');
  });
`,
    );
  });

  it('declines a callback that uses its own this, with a reason', () => {
    const text = `load(1, function (a) {\n  load(a, function (b) {\n    console.log(this, b);\n    load(b, function (c) {\n      console.log(c);\n    });\n  });\n});\n`;
    const analysis = analyze(text);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok('reason' in plan);
    assert.match(plan.reason, /own `this`/);
  });

  it('rewrites the levels above a callback that uses its own this, and keeps that one as written', () => {
    const text = `load(1, function (a) {\n  load(a, function (b) {\n    load(b, function (c) {\n      console.log(this, c);\n    });\n  });\n});\n`;
    const analysis = analyze(text);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok(!('reason' in plan), 'reason' in plan ? plan.reason : '');
    assert.deepEqual(plan.levels, { from: 1, to: 2 });
    assert.match(
      plan.edits[0].text,
      /\.then\(\(b\) => \{\n {4}load\(b, function \(c\) \{\n {6}console\.log\(this, c\);/,
    );
  });

  it('declines a level that runs in a loop when no run of levels around it is flat enough', () => {
    const deep = `load(1, (a) => {\n  load(a, (b) => {\n    for (const x of [b]) {\n      load(x, (c) => {\n        load(c, (d) => {\n          load(d, (e) => e);\n        });\n      });\n    }\n  });\n});\n`;
    const analysis = analyze(deep);
    for (const style of ['then', 'async'] as const) {
      const plan = planFix(analysis, analysis.findings[0], style);
      assert.ok('reason' in plan);
      assert.match(plan.reason, /level 3 \(load, line 4\) runs conditionally or in a loop inside level 2/);
    }
  });

  it('chains a level that starts in one branch of an if, in both styles (async/await awaits it in that branch)', () => {
    const deep = `load(1, (a) => {\n  load(a, (b) => {\n    if (b) {\n      load(b, (c) => {\n        load(c, (d) => {\n          load(d, (e) => e);\n        });\n      });\n    }\n  });\n});\n`;
    const analysis = analyze(deep);
    const then = planFix(analysis, analysis.findings[0], 'then');
    assert.ok(!('reason' in then), 'reason' in then ? then.reason : '');
    assert.equal(then.levels, undefined, 'the whole pyramid');
    assert.match(
      then.edits[0].text,
      /if \(b\) \{\n {6}return new Promise\(\(resolve\) => load\(b, resolve\)\);\n {4}\}\n {4}return new Promise\(\(\) => \{\}\);/,
    );
    const async = planFix(analysis, analysis.findings[0], 'async');
    assert.ok(!('reason' in async), 'reason' in async ? async.reason : '');
    assert.equal(async.levels, undefined, 'the whole pyramid');
    assert.match(
      async.edits[0].text,
      /const b = await new Promise\(\(resolve\) => load\(a, resolve\)\);\n {2}if \(b\) \{\n {4}const c = await new Promise\(\(resolve\) => load\(b, resolve\)\);\n {4}const d = await/,
    );
    assert.match(async.edits[0].text, /\n {4}e;\n {2}\}\n\}\)\(\);$/, 'the levels below stay in the branch');
  });

  it('starts the chain at a level that runs conditionally, and leaves the condition around it', () => {
    // The `if` is not the level's last statement, so the levels in it can't be awaited in its branch.
    const text = `load(1, (a) => {\n  if (a) {\n    load(a, (b) => {\n      load(b, (c) => c);\n    });\n  }\n  console.log(a);\n});\n`;
    const analysis = analyze(text);
    const plan = planFix(analysis, analysis.findings[0], 'async');
    assert.ok(!('reason' in plan), 'reason' in plan ? plan.reason : '');
    assert.deepEqual(plan.levels, { from: 2, to: 3 });
    assert.match(applyEdits(text, plan.edits), /^load\(1, \(a\) => \{\n {2}if \(a\) \{\n {4}void \(async \(\) => \{/);
  });

  it('declines an error-first callback that ignores its error', () => {
    const text = `load(1, (err, a) => {\n  load(a, (err, b) => {\n    load(b, (err, c) => console.log(c));\n  });\n});\n`;
    const analysis = analyze(text);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok('reason' in plan);
    assert.match(plan.reason, /ignores its error `err`/);
  });

  it('flattens nested .then, and declines when an inner chain has its own .catch', () => {
    const flat = `get().then((a) => more(a).then((b) => console.log(b)));\n`;
    let analysis = analyze(flat);
    const plan = planFix(analysis, analysis.findings[0], 'then');
    assert.ok(!('reason' in plan));
    assert.equal(applyEdits(flat, plan.edits), `get().then((a) => more(a))\n  .then((b) => console.log(b));\n`);
    const withCatch = `get().then((a) => more(a).catch((e) => 0));\n`;
    analysis = analyze(withCatch);
    const catches = planFix(analysis, analysis.findings[0], 'then');
    assert.ok('reason' in catches);
    assert.match(catches.reason, /own \.catch/);
  });
});
