import * as assert from 'assert';
import { createPrivateSymbol, promiseDetails } from '../../../src/runtime/intrinsics';

// With `--expose-internals` (as the runner starts programs) the details path is covered end to end by
// the golden traces: `values.js` needs it, and every golden compares stderr with plain node's.
describe('runtime intrinsics', () => {
  it('makes a private symbol and leaves natives syntax off again', () => {
    const id = createPrivateSymbol('test.id');
    assert.strictEqual(typeof id, 'symbol');
    const target = Promise.resolve(1) as unknown as Record<symbol, number>;
    target[id as symbol] = 7;
    assert.strictEqual(target[id as symbol], 7);
    assert.deepStrictEqual(Reflect.ownKeys(target), []);
    assert.throws(() => new Function('return %PromiseStatus(1)'), SyntaxError);
  });

  it('has no promise details without --expose-internals', () => {
    assert.strictEqual(promiseDetails(), null);
  });
});
