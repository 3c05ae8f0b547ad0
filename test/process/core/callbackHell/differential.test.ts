import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll, type Style } from '../../../../src/core/callbackHell';
import { errorLine, goldenCases, run } from '../../../shared/callbackHellHelpers';
import { repoRoot } from '../../../shared/paths';

describe('callback-hell differential: every corpus program and its rewrite print the same', function () {
  this.timeout(120_000);
  for (const c of goldenCases()) {
    if (c.ext === 'ts' || c.ext === 'tsx') continue;
    for (const style of ['then', 'async'] as Style[]) {
      const output = join(c.dir, `output.${style}.${c.ext}`);
      if (!existsSync(output)) continue;
      it(`${c.name}: ${style}`, () => {
        const before = run(c.input);
        const after = run(output);
        assert.ok(before.stdout.length + before.stderr.length > 0, 'the corpus program prints something');
        assert.equal(after.stdout, before.stdout);
        assert.equal(after.stderr, before.stderr);
        assert.equal(after.status, before.status);
      });
    }
  }

  it('examples/callback-pyramid.js, rewritten both ways', () => {
    const example = join(repoRoot, 'examples/callback-pyramid.js');
    const dir = mkdtempSync(join(tmpdir(), 'promise-lens-diff-'));
    try {
      const before = run(example);
      for (const style of ['then', 'async'] as Style[]) {
        const result = fixAll(readFileSync(example, 'utf8'), 'JS', style);
        assert.equal(result.fixed, 1);
        const file = join(dir, `${style}.js`);
        writeFileSync(file, result.text);
        assert.equal(run(file).stdout, before.stdout);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Programs that end in an uncaught exception: the rewrite must print the same, end the same way, and
  // the same error must reach the top (its stack may differ: it now leaves through a promise).
  const crashing: Array<[string, string]> = [
    [
      "the caller's node-style callback throws: it is still called once",
      `
function step(x, cb) { setTimeout(() => cb(null, x + 1), 2); }
function run(n, callback) {
  step(n, (err, a) => {
    if (err) return callback(err);
    step(a, (err, b) => {
      if (err) return callback(err);
      step(b, (err, c) => {
        if (err) return callback(err);
        callback(null, c);
      });
    });
  });
}
let calls = 0;
run(1, (err, v) => {
  calls++;
  console.log('call', calls, err ? 'error ' + err.message : v);
  if (!err) throw new Error('caller failed');
});
`,
    ],
    [
      'a step throws synchronously (JSON.parse of bad text): it stays uncaught, no handler runs',
      `
function read(name, cb) { setTimeout(() => cb(null, name === 'bad' ? '{bad' : '{"ok":1}'), 2); }
read('a', (err, a) => {
  if (err) return console.log('failed', err.message);
  read('bad', (err, b) => {
    if (err) return console.log('failed', err.message);
    const parsed = JSON.parse(b);
    read('c', (err, c) => {
      if (err) return console.log('failed', err.message);
      console.log(a, parsed, c);
    });
  });
});
`,
    ],
    [
      'a step throws after starting the next level, with the same handler at every level',
      `
function load(x, cb) { setTimeout(() => cb(null, x * 2), 2); }
load(1, (err, a) => {
  if (err) return console.error('error:', err.message);
  load(a, (err, b) => {
    if (err) return console.error('error:', err.message);
    load(b, (err, c) => {
      if (err) return console.error('error:', err.message);
      console.log('c', c);
      null.boom;
    });
  });
});
`,
    ],
    [
      'a level reads its own const before declaring it (a ReferenceError today): the rewrite keeps that read an error',
      `
function load(x, cb) { setTimeout(() => cb(x + 1), 2); }
load(1, (a) => {
  load(a, (b) => {
    console.log('b', b, k);
    const k = b * 10;
    load(b, (c) => {
      console.log('c', c, k);
    });
  });
});
`,
    ],
  ];
  for (const [name, program] of crashing) {
    it(name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'promise-lens-diff-'));
      try {
        const original = join(dir, 'original.js');
        writeFileSync(original, program);
        const before = run(original);
        assert.equal(before.status, 1, 'the original ends in an uncaught exception');
        for (const style of ['then', 'async'] as Style[]) {
          const result = fixAll(program, 'JS', style);
          assert.equal(result.fixed, 1, result.declined.map((d) => d.reason).join('; '));
          const file = join(dir, `${style}.js`);
          writeFileSync(file, result.text);
          const after = run(file);
          assert.equal(after.stdout, before.stdout, `${style}:\n${result.text}`);
          assert.equal(after.status, before.status);
          assert.equal(errorLine(after.stderr), errorLine(before.stderr));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
