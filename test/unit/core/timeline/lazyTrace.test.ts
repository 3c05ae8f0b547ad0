import * as assert from 'node:assert/strict';
import { decodeNative, encodeNative } from '../../../../src/core/trace/format/native';
import { decodeNativeLazy, lazyArray, nativeTables } from '../../../../src/core/trace/format/nativeLazy';
import type { Trace } from '../../../../src/core/trace/model';
import { fixtureTrace, oddTrace } from '../trace/format/fixture';
import { allFailsFast, manyEvents, microtasksBeforeTimers } from './fixture';

/** The lazy trace with every row made, as plain arrays (what `decodeNative` gives). */
const plain = (t: Trace): Trace => ({ ...t, promises: [...t.promises], jobs: [...t.jobs], events: [...t.events] });

describe('native format decoded lazily for the page', () => {
  const traces: [string, () => Trace][] = [
    ['the format fixture', fixtureTrace],
    ['values of every kind', oddTrace],
    ['microtasks before timers', () => microtasksBeforeTimers().trace],
    ['Promise.all failing fast', () => allFailsFast().trace],
    ['20k events with templated strings', () => manyEvents(20_000)],
  ];
  for (const [name, make] of traces) {
    it(`gives back the trace decodeNative gives, row for row and key for key: ${name}`, () => {
      const bytes = encodeNative(make());
      const eager = decodeNative(bytes);
      const lazy = decodeNativeLazy(bytes);
      assert.deepEqual(plain(lazy), eager);
      for (const key of ['promises', 'jobs', 'events'] as const)
        lazy[key].forEach((row, i) => assert.deepEqual(Object.keys(row), Object.keys(eager[key][i])));
    });
  }

  it('keeps a `__proto__` key an own key, -0 and NaN as they were', () => {
    const lazy = decodeNativeLazy(encodeNative(oddTrace()));
    const rows = lazy.events as unknown as Record<string, unknown>[];
    assert.ok(Object.hasOwn(rows[1], '__proto__'));
    assert.equal(Object.getPrototypeOf(rows[1]), Object.prototype);
    const odd = rows[0].odd as { zero: number; n: number }[];
    assert.ok(Object.is(odd[0].zero, -0));
    assert.ok(Number.isNaN(odd[0].n));
  });

  it('makes a row when it is first read and gives the same object after', () => {
    let made = 0;
    const list = lazyArray(5, (i) => {
      made++;
      return { i };
    });
    assert.ok(Array.isArray(list));
    assert.equal(list.length, 5);
    assert.equal(made, 0);
    assert.equal(list[3].i, 3);
    assert.equal(list[3], list[3]);
    assert.equal(made, 1);
    assert.equal(list[5], undefined);
    assert.ok(3 in list && !(5 in list));
    assert.deepEqual(
      list.filter((x) => x.i % 2 === 0).map((x) => x.i),
      [0, 2, 4],
    );
    assert.deepEqual(Object.keys(list), ['0', '1', '2', '3', '4']);
    assert.equal(JSON.stringify(list), '[{"i":0},{"i":1},{"i":2},{"i":3},{"i":4}]');
    assert.equal(made, 5);
  });

  it('reads a field of every row without making the rows', () => {
    const trace = manyEvents(5000);
    const lazy = decodeNativeLazy(encodeNative(trace));
    const tables = nativeTables(lazy)!;
    assert.equal(tables.events.count, trace.events.length);
    const seqs = new Array<unknown>(trace.events.length);
    tables.events.each('seq', (i, v) => (seqs[i] = v));
    assert.deepEqual(
      seqs,
      trace.events.map((e) => e.seq),
    );
    const settled: unknown[] = [];
    tables.promises.each('settledAt', (i, v) => (settled[i] = v));
    assert.deepEqual(
      settled,
      trace.promises.map((p) => p.settledAt),
    );
    const promise: unknown[] = [];
    tables.events.each('promise', (i, v) => (promise[i] = v));
    trace.events.forEach((e, i) => assert.equal(promise[i], 'promise' in e ? e.promise : undefined));
    assert.equal(nativeTables(decodeNative(encodeNative(trace))), undefined, 'an eager trace has no columns');
  });

  it('names what is wrong with bytes that are not a whole trace, as decodeNative does', () => {
    const bytes = encodeNative(manyEvents(500));
    assert.throws(() => decodeNativeLazy(bytes.subarray(0, bytes.length - 7)));
    assert.throws(() => decodeNativeLazy(new TextEncoder().encode('PLTRACE 3\n')), /no PLTRACE 2 header/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    assert.throws(() => decodeNativeLazy(longer), /left over/);
  });
});
