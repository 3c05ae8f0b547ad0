import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll } from '../../../../src/core/callbackHell';
import { errorLine, run } from '../../../shared/callbackHellHelpers';

// A nested `.then` pyramid whose handlers read the values above them, run with a rejection or a throw at
// each level: the flattened chain (values carried in `let`s) must print the same, resolve or reject the
// outer promise the same, and end the process the same way.
const pyramid = (fail: string, thrown: string, ending: string): string => `
const FAIL = '${fail}';
const THROWN = '${thrown}';
// One delay for every call: the two runs of summary() are in flight together (each at level 1 before
// either reaches level 2), so values shared between them would show, and timers fire in the order made.
const wait = (value, name, id) =>
  new Promise((resolve, reject) =>
    setTimeout(() => (name === FAIL ? reject(new Error(name + ' failed for ' + id)) : resolve(value)), 2),
  );

function summary(id) {
  return wait({ id, name: 'user' + id }, 'user', id).then((user) => {
    if (THROWN === 'user') throw new Error('handler 1 threw');
    console.log('level 1', id, user.name);
    return wait([user.name + ' post'], 'posts', id).then((posts) => {
      if (THROWN === 'posts') JSON.parse('{bad');
      console.log('level 2', id, posts.length);
      return wait(posts.length + user.id, 'likes', id).then((likes) => {
        if (THROWN === 'likes') null.boom;
        console.log('level 3', id, user.name, posts, likes);
        return { user: user.name, posts, likes };
      });
    });
  });
}
${ending}
`;

const handled = `for (const id of [1, 2])
  summary(id).then(
    (v) => console.log('resolved', id, JSON.stringify(v)),
    (e) => console.log('rejected', id, e.constructor.name, e.message),
  );`;
const unhandled = `summary(2).then((v) => console.log('resolved', JSON.stringify(v)));`;

describe('nested .then flattened with carried values: same output on a rejection or a throw at each level', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'promise-lens-nested-then-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const levels = ['none', 'user', 'posts', 'likes'];
  const cases: Array<[string, string]> = [];
  for (const fail of levels)
    cases.push([`a rejection at ${fail}, handled by the caller`, pyramid(fail, 'none', handled)]);
  for (const thrown of levels.slice(1))
    cases.push([`a throw in the ${thrown} handler, handled by the caller`, pyramid('none', thrown, handled)]);
  for (const fail of levels.slice(1))
    cases.push([`a rejection at ${fail}, unhandled (the process ends on it)`, pyramid(fail, 'none', unhandled)]);
  cases.push(['a throw in the likes handler, unhandled', pyramid('none', 'likes', unhandled)]);

  for (const [name, program] of cases) {
    it(name, () => {
      const original = join(dir, 'original.js');
      writeFileSync(original, program);
      const result = fixAll(program, 'JS', 'then');
      assert.equal(result.fixed, 1, result.declined.map((d) => d.reason).join('; '));
      assert.match(result.text, /let user, posts;/, 'the values are carried above the chain');
      assert.doesNotMatch(result.text, /=> \{\n\s*return wait\([^\n]*\)\.then/, 'no handler starts a chain any more');
      const flat = join(dir, 'flat.js');
      writeFileSync(flat, result.text);
      const before = run(original);
      const after = run(flat);
      assert.ok(before.stdout.length + before.stderr.length > 0, 'the program prints something');
      assert.equal(after.stdout, before.stdout, result.text);
      assert.equal(after.status, before.status);
      assert.equal(errorLine(after.stderr), errorLine(before.stderr));
      if (name.includes('unhandled')) assert.equal(before.status, 1, 'the original ends on the rejection');
    });
  }

  it('an inner chain that is neither returned nor followed: a rejection in it is still unhandled', () => {
    const program = `
const wait = (value, fail) =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('level 2 failed')) : resolve(value)), 2));
wait(1).then((a) => {
  console.log('a', a);
  wait(a + 1, a === 1).then((b) => console.log('never', a, b));
});
`;
    const original = join(dir, 'statement.js');
    writeFileSync(original, program);
    const result = fixAll(program, 'JS', 'then');
    assert.equal(result.fixed, 1, result.declined.map((d) => d.reason).join('; '));
    assert.match(result.text, /let a;/);
    const flat = join(dir, 'statement-flat.js');
    writeFileSync(flat, result.text);
    const before = run(original);
    const after = run(flat);
    assert.equal(before.status, 1);
    assert.equal(after.stdout, before.stdout);
    assert.equal(after.status, before.status);
    assert.equal(errorLine(after.stderr), errorLine(before.stderr));
  });
});
