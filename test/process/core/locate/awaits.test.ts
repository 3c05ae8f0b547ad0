/**
 * Which async function each `await` belongs to, on real runs (`awaitIn`, core/trace/awaits.ts and
 * core/locate/awaits.ts): nested calls, an async generator, a function that returned a promise (its
 * return leaves no event; the source settles it), one called through a plain helper, and a recursive
 * one, which stays ungrouped rather than guessed.
 */
import * as assert from 'node:assert/strict';
import { runTrace } from '../../../../src/core/run';
import type { Trace, TracePromise } from '../../../../src/core/trace/model';
import { distDir, tempFolder, testNode } from '../../../shared/runHelpers';

const PROGRAM = `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function inner() { return sleep(1); }
function helper() { return inner(); }
async function thrower() { throw new Error('x'); }
async function outer() {
  const p = inner();
  await 1;
  helper();
  try { await thrower(); } catch {}
  await p;
  return 'ok';
}
async function rec(n) {
  if (n === 0) return sleep(1);
  const r = rec(n - 1);
  await r;
}
async function* numbers() {
  await null;
  yield 1;
}
async function main() {
  await outer();
  for await (const x of numbers()) console.log(x);
  await rec(1);
}
main();
`;

describe('awaits on real runs', function () {
  this.timeout(30_000);
  let trace: Trace;
  const folder = tempFolder();

  before(async () => {
    const file = folder.write('awaits.js', PROGRAM);
    trace = await runTrace({ file, distDir, node: await testNode() });
  });
  after(() => folder.remove());

  const byId = (id: number | undefined): TracePromise | undefined => trace.promises.find((p) => p.id === id);
  /** The line of the async call whose function each await on `line` was given to. */
  const ownersOn = (line: number): (number | null)[] =>
    trace.promises
      .filter((p) => p.kind === 'await' && p.parent !== null && p.location?.line === line)
      .map((p) => byId(p.awaitIn)?.location?.line ?? null);

  it("gives each await to its function: the caller's after a callee returned a promise, through a helper too", () => {
    assert.deepEqual(ownersOn(7), [23], 'await 1 in outer(), called on line 23');
    assert.deepEqual(ownersOn(9), [23], 'await thrower() in outer(), after helper() called inner()');
    assert.deepEqual(ownersOn(10), [23], 'await p in outer()');
    assert.deepEqual(ownersOn(23), [27], 'await outer() in main(), called on line 27');
  });

  it("gives an async generator's awaits to the call of next() that ran them, the for await's to main()", () => {
    assert.deepEqual(ownersOn(19), [24]);
    const forAwait = ownersOn(24);
    assert.ok(forAwait.length >= 2, String(forAwait.length));
    assert.deepEqual(new Set(forAwait), new Set([27]));
  });

  it('leaves the await of a recursive call that returned a promise ungrouped: either call may have made it', () => {
    assert.deepEqual(ownersOn(16), [null]);
    assert.deepEqual(ownersOn(25), [null], "and main()'s next await, since which calls still run is not known");
  });

  it("marks the wrapper of an awaited value with the same function as the await's own promise", () => {
    const wrappers = trace.promises.filter((p) => p.kind === 'await' && p.parent === null && !p.internal);
    assert.ok(wrappers.length >= 2, `${wrappers.length} wrappers`);
    for (const w of wrappers) {
      const own = trace.promises.find((p) => p.parent === w.id);
      assert.equal(w.awaitIn, own?.awaitIn, `wrapper #${w.id}`);
    }
  });
});
