import * as assert from 'assert';
import { byId, IdMap } from '../../../../src/core/trace/idMap';

describe('IdMap: lookups by a trace id', () => {
  it('gets, sets and deletes as a Map does', () => {
    const map = new IdMap<string>();
    map.set(3, 'c').set(1, 'a').set(3, 'C');
    assert.strictEqual(map.get(3), 'C');
    assert.strictEqual(map.get(2), undefined);
    assert.strictEqual(map.get(null), undefined);
    assert.strictEqual(map.has(1), true);
    assert.strictEqual(map.delete(1), true);
    assert.strictEqual(map.delete(1), false);
    assert.strictEqual(map.has(1), false);
  });

  it('keeps ids no runtime gives (negative, huge, fractional) and lists every entry in id order', () => {
    const map = new IdMap<number>();
    for (const id of [2 ** 40, 5, -7, 0, 1.5, 2 ** 31]) map.set(id, id);
    assert.strictEqual(map.get(2 ** 40), 2 ** 40);
    assert.strictEqual(map.get(-7), -7);
    assert.strictEqual(map.get(1.5), 1.5);
    assert.deepStrictEqual(
      [...map.entries()].map(([id]) => id),
      [-7, 0, 1.5, 5, 2 ** 31, 2 ** 40],
    );
    assert.deepStrictEqual(
      map.list(),
      [...map.entries()].map(([, value]) => value),
    );
  });

  it('indexes items by their id', () => {
    const items = [
      { id: 2, name: 'b' },
      { id: 1, name: 'a' },
    ];
    const map = byId(items);
    assert.strictEqual(map.get(1), items[1]);
    assert.deepStrictEqual(
      map.list().map((item) => item.name),
      ['a', 'b'],
    );
  });
});
