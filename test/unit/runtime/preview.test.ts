import * as assert from 'assert';
import { PREVIEW_MAX, previewSettled, previewValue, settledReader } from '../../../src/runtime/preview';
import { errorText } from '../../../src/runtime/safeText';
import { readSettings, DEFAULT_MAX_EVENTS } from '../../../src/runtime/settings';
import { publicViews } from './views';

/** Lets a just-settled promise's state land (V8 stores a fulfilment after the settle hook). */
const previewOf = async (make: () => Promise<unknown>): Promise<ReturnType<typeof previewSettled>> => {
  const p = make();
  p.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  return previewSettled(p);
};

const decode = (encoded: string) => {
  const [type, text, cut] = encoded.split('\u0001');
  return { type, text, cut: cut === '1' };
};

describe('runtime value previews', () => {
  let touched = 0;
  const touch = (): never => {
    touched++;
    throw new Error('touched');
  };
  beforeEach(() => (touched = 0));

  it('reads state and value of plain values', async () => {
    const cases: Array<[unknown, string, string]> = [
      [42, 'number', '42'],
      ['hi', 'string', "'hi'"],
      [undefined, 'undefined', 'undefined'],
      [null, 'null', 'null'],
      [10n, 'bigint', '10n'],
      [[1, 2], 'array', '[ 1, 2 ]'],
      [{ a: 1 }, 'object', '{ a: 1 }'],
    ];
    for (const [value, type, text] of cases) {
      const settled = await previewOf(() => Promise.resolve(value));
      assert.strictEqual(settled.rejected, false);
      assert.deepStrictEqual(decode(settled.encoded), { type, text, cut: false });
    }
    const rejected = await previewOf(() => Promise.reject(new RangeError('too far')));
    assert.strictEqual(rejected.rejected, true);
    assert.deepStrictEqual(decode(rejected.encoded), { type: 'error', text: 'RangeError: too far', cut: false });
  });

  it('never runs getters, proxy traps or a then getter', async () => {
    const hostile: unknown[] = [
      {
        get boom() {
          return touch();
        },
      },
      new Proxy({}, { get: touch, ownKeys: touch, getOwnPropertyDescriptor: touch, getPrototypeOf: touch, has: touch }),
      {
        get then() {
          return touch();
        },
      },
      {
        inner: {
          get deep() {
            return touch();
          },
        },
      },
    ];
    for (const value of hostile) {
      // Resolving would read `then` (the language does); rejecting does not, so each is a reason.
      const settled = await previewOf(() => Promise.reject(value));
      assert.strictEqual(settled.rejected, true);
      assert.ok(decode(settled.encoded).text.length > 0);
    }
    assert.strictEqual(touched, 0);
  });

  it('bounds huge strings and cyclic objects', async () => {
    const cyclic: Record<string, unknown> = { name: 'cycle' };
    cyclic.self = cyclic;
    const huge = await previewOf(() => Promise.resolve('x'.repeat(1_000_000)));
    assert.ok(decode(huge.encoded).text.length <= PREVIEW_MAX);
    assert.match(decode(huge.encoded).text, /more characters/);
    const wide = await previewOf(() => Promise.resolve(Array.from({ length: 50 }, (_, i) => String(i).repeat(100))));
    assert.ok(decode(wide.encoded).text.length <= PREVIEW_MAX);
    assert.strictEqual(decode(wide.encoded).cut, true);
    const cycle = decode((await previewOf(() => Promise.resolve(cyclic))).encoded);
    assert.strictEqual(cycle.type, 'object');
    assert.match(cycle.text, /Circular/);
  });

  it('previews a flat value read directly as inspect shows it inside the promise, deeper ones to more depth', async () => {
    const values: unknown[] = [
      -0,
      1.5,
      2 ** 40,
      NaN,
      "it's",
      10n,
      Symbol('s'),
      null,
      undefined,
      true,
      [1, 2],
      { a: 'b' },
      () => 1,
    ];
    const textOf = (encoded: string) => encoded.split('\u0001').slice(0, 3).join('\u0001');
    for (const value of values) {
      const direct = previewValue(value, false, publicViews);
      const viaPromise = await previewOf(() => Promise.resolve(value));
      assert.deepStrictEqual({ ...direct, encoded: textOf(direct.encoded) }, viaPromise, `for ${String(value)}`);
    }
    // Through inspect (the bare preload) one level; read directly, to depth.
    assert.strictEqual(decode((await previewOf(() => Promise.resolve([1, [2, [3]]]))).encoded).text, '[ 1, [Array] ]');
    assert.strictEqual(decode(previewValue([1, [2, [3]]], false, publicViews).encoded).text, '[ 1, [ 2, [ 3 ] ] ]');
  });

  it('carries an int32 as a number, with no text to build', () => {
    for (const value of [0, 7, -7, 2 ** 31 - 1, -(2 ** 31)])
      assert.deepStrictEqual(previewValue(value, true), { rejected: true, integer: value, encoded: '' });
    for (const value of [2 ** 31, -0, 0.5]) assert.strictEqual(previewValue(value, false).integer, undefined);
  });

  it('keeps an error that is a value fulfilled, and reads nothing through getters', async () => {
    const quiet = new RangeError('never thrown');
    assert.deepStrictEqual(decode(previewValue(quiet, false).encoded), {
      type: 'error',
      text: 'RangeError: never thrown',
      cut: false,
    });
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'name', { get: touch });
    assert.strictEqual(decode(previewValue(hostile, true).encoded).text, 'Error: x');
    const nested = {
      inner: new Error('deep'),
      get boom() {
        return touch();
      },
    };
    // An error nested in the value is shown by its name and message; its stack is never formatted
    // (it would be fixed for good, and Node could no longer point at the line that throws it).
    assert.strictEqual(decode(previewValue(nested, false).encoded).text, '{ inner: Error: deep, boom: [Getter] }');
    let prepared = 0;
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (error, sites) => {
      prepared++;
      return saved ? saved(error, sites) : String(error);
    };
    try {
      const fresh = new Error('fresh');
      previewValue({ fresh, list: [fresh] }, false);
      assert.strictEqual(prepared, 0, 'no stack formatted by the preview');
      assert.match(fresh.stack ?? '', /fresh/);
    } finally {
      Error.prepareStackTrace = saved;
    }
    assert.strictEqual(touched, 0);
  });

  it('reads through promise details when given them, waiting while the promise is pending', () => {
    const fulfilled = Promise.resolve(new Error('value'));
    const details = (p: Promise<unknown>): [number, unknown?] => (p === fulfilled ? [1, new Error('value')] : [0]);
    const read = settledReader(details);
    assert.deepStrictEqual(read(fulfilled), {
      rejected: false,
      encoded: previewValue(new Error('value'), false).encoded,
    });
    assert.strictEqual(read(new Promise(() => undefined)), null);
    assert.strictEqual(settledReader(null), previewSettled);
  });

  it('reads an error as Name: message without its getters', () => {
    assert.strictEqual(errorText(new TypeError('bad')), 'TypeError: bad');
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', { get: touch });
    assert.strictEqual(errorText(hostile), 'Error');
    assert.strictEqual(
      errorText(new Proxy(new Error('p'), { get: touch, getOwnPropertyDescriptor: touch, getPrototypeOf: touch })),
      'Error',
    );
    assert.strictEqual(errorText('a string'), 'a string');
    assert.strictEqual(touched, 0);
  });
});

describe('runtime settings', () => {
  it('is off without an output path and reads the cap, entry and node flags', () => {
    assert.strictEqual(readSettings({}), null);
    assert.deepStrictEqual(readSettings({ PROMISE_LENS_OUT: '/tmp/r.bin' }), {
      out: '/tmp/r.bin',
      maxEvents: DEFAULT_MAX_EVENTS,
      entry: null,
      nodeFlags: 0,
      maxOutput: null,
    });
    const full = {
      PROMISE_LENS_OUT: '/tmp/r.bin',
      PROMISE_LENS_MAX_EVENTS: '50',
      PROMISE_LENS_ENTRY: '/a.js',
      PROMISE_LENS_NODE_FLAGS: '4',
      PROMISE_LENS_MAX_OUTPUT: '4096',
    };
    assert.deepStrictEqual(readSettings(full), {
      out: '/tmp/r.bin',
      maxEvents: 50,
      entry: '/a.js',
      nodeFlags: 4,
      maxOutput: 4096,
    });
    assert.strictEqual(readSettings({ PROMISE_LENS_OUT: '/tmp/r.bin', PROMISE_LENS_NODE_FLAGS: '-1' })?.nodeFlags, 0);
    assert.strictEqual(
      readSettings({ PROMISE_LENS_OUT: '/tmp/r.bin', PROMISE_LENS_MAX_EVENTS: 'lots' })?.maxEvents,
      DEFAULT_MAX_EVENTS,
    );
  });
});
