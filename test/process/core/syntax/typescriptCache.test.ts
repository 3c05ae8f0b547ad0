import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir, requireCached } from '../../../../src/core/syntax/typescript';
import { tempFolder } from '../../../shared/runHelpers';
import { repoRoot } from '../../../shared/paths';

describe("TypeScript's code cache", () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder()));
  afterEach(() => folder.remove());

  const source = `const path = require('path');
exports.twice = function twice(n) { return 2 * n; };
exports.base = path.basename(__filename);
module.exports.self = this === module.exports;
exports.word = 'café';`;

  it('runs the file as CommonJS, makes the cache on first use and uses it after', () => {
    const file = folder.write('lib.js', source);
    const cache = join(folder.dir, 'cache');
    const first = requireCached(file, cache);
    const lib = first.exports as { twice(n: number): number; base: string; self: boolean; word: string };
    assert.deepEqual([lib.twice(21), lib.base, lib.self, lib.word], [42, 'lib.js', true, 'café']);
    assert.equal(first.cache, 'made');
    first.save();
    assert.equal(readdirSync(cache).length, 1);
    const second = requireCached(file, cache);
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { twice(n: number): number }).twice(2), 4);
  });

  it('makes the cache again when the one there does not fit the source, and never runs stale code', () => {
    const file = folder.write('lib.js', source);
    const cache = join(folder.dir, 'cache');
    requireCached(file, cache).save();
    // Same length: V8 alone would take the old cache. An edit moves the modification time.
    writeFileSync(file, source.replace('2 * n', '3 * n'));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, new Date(), later);
    const changed = requireCached(file, cache);
    assert.equal(changed.cache, 'made');
    assert.equal((changed.exports as { twice(n: number): number }).twice(2), 6);
    changed.save();
    assert.equal(readdirSync(cache).length, 1, 'the cache of the file as it was is removed');
    // A damaged cache under the right name (size and time kept; V8 compiles a source it has seen in this
    // process from memory, so the source differs once more) is rejected by V8 and made again.
    writeFileSync(join(cache, readdirSync(cache)[0]), 'not a code cache');
    writeFileSync(file, source.replace('2 * n', '4 * n'));
    utimesSync(file, new Date(), later);
    const garbage = requireCached(file, cache);
    assert.equal(garbage.cache, 'made');
    assert.equal((garbage.exports as { twice(n: number): number }).twice(2), 8);
  });

  it('ends promptly when its folder cannot be made (Node 20 hangs making /proc/... recursively)', function () {
    this.timeout(30_000);
    const cli = join(repoRoot, 'dist/cli.js');
    const file = folder.write('a.js', 'f(1, function (e, a) { g(a, function (e, b) { h(b, function () {}); }); });\n');
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: '/proc/self/promise-lens-test' };
    delete env.PROMISE_LENS_CACHE_DIR;
    const result = spawnSync(process.execPath, [cli, 'lint', file], { env, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.signal, null, 'finished, not killed at the time limit');
    assert.match(result.stdout, /callback-hell/);
  });

  it('lives in a per-user folder, or where PROMISE_LENS_CACHE_DIR says; empty turns it off', () => {
    const saved = process.env.PROMISE_LENS_CACHE_DIR;
    try {
      delete process.env.PROMISE_LENS_CACHE_DIR;
      assert.match(defaultCacheDir() ?? '', /promise-lens$/);
      process.env.PROMISE_LENS_CACHE_DIR = '/somewhere';
      assert.equal(defaultCacheDir(), '/somewhere');
      process.env.PROMISE_LENS_CACHE_DIR = '';
      assert.equal(defaultCacheDir(), null);
    } finally {
      if (saved === undefined) delete process.env.PROMISE_LENS_CACHE_DIR;
      else process.env.PROMISE_LENS_CACHE_DIR = saved;
    }
  });
});
