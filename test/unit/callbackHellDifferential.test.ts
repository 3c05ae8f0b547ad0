import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll, type Style } from '../../src/core/callbackHell';
import { goldenCases, run } from './callbackHellHelpers';

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
    const example = join(__dirname, '../../../examples/callback-pyramid.js');
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
});
