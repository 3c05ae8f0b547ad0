import * as assert from 'assert';
import { isErrorLike, reachesErrorGetter } from '../../src/runtime/errorGetters';
import { previewValue } from '../../src/runtime/preview';
import { publicViews } from './runtimeViews';

describe('runtime: errors whose getters a preview must not reach', () => {
  let touched = 0;
  // As `class HttpError extends Error { get name() { ... } }` in JavaScript.
  class HttpError extends Error {}
  Object.defineProperty(HttpError.prototype, 'name', {
    get: () => {
      touched++;
      return 'HttpError';
    },
  });
  const views = publicViews;
  const hostile = new HttpError('not found');
  const plain = new Error('plain');

  beforeEach(() => (touched = 0));
  afterEach(() => assert.strictEqual(touched, 0, 'no getter ran'));

  it('finds an error with a getter one level down, or behind a cause', () => {
    assert.strictEqual(reachesErrorGetter({ error: hostile }, views), true);
    assert.strictEqual(reachesErrorGetter({ wrapped: new Error('outer', { cause: hostile }) }, views), true);
    const own = new Error('own');
    Object.defineProperty(own, 'message', { get: () => touched++ });
    assert.strictEqual(reachesErrorGetter({ own }, views), true);
  });

  it('passes values whose errors hold plain data, and objects past the preview depth', () => {
    assert.strictEqual(reachesErrorGetter({ error: plain, n: 1, s: 'x' }, views), false);
    // Two levels down inspect writes `[Object]` and never reaches the error.
    assert.strictEqual(reachesErrorGetter({ deeper: { error: hostile } }, views), false);
    const cyclic: Record<string, unknown> = { error: plain };
    cyclic.self = cyclic;
    assert.strictEqual(reachesErrorGetter(cyclic, views), false);
  });

  it('looks into collections and arrays as far as inspect shows them', () => {
    assert.strictEqual(reachesErrorGetter(new Map([['e', hostile]]), views), true);
    assert.strictEqual(reachesErrorGetter(new Set([hostile]), views), true);
    assert.strictEqual(reachesErrorGetter([1, hostile], views), true);
    const late = Array.from({ length: 50 }, () => 0) as unknown[];
    late[40] = hostile;
    assert.strictEqual(reachesErrorGetter(late, views), false);
    assert.strictEqual(reachesErrorGetter(Object.assign([1], { extra: hostile }), views), true);
  });

  it('counts what it cannot see without user code as reached', () => {
    assert.strictEqual(reachesErrorGetter(new Map([['e', plain]]), {}), true);
    assert.strictEqual(reachesErrorGetter([plain], {}), false);
    assert.strictEqual(reachesErrorGetter(new Array(20_000).fill(0), {}), true);
    assert.strictEqual(reachesErrorGetter(new Proxy({}, {}), views), true);
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, { i }]));
    assert.strictEqual(reachesErrorGetter(wide, views), true);
  });

  it('tells an error by its prototype chain, not only a native one', () => {
    assert.strictEqual(isErrorLike(Object.create(HttpError.prototype) as object), true);
    assert.strictEqual(isErrorLike({ name: 'Error', message: 'x' }), false);
  });

  it('previews a value that reaches one a level shallower, running nothing', () => {
    const decode = (encoded: string): string[] => encoded.split('\u0001');
    assert.deepStrictEqual(decode(previewValue({ error: hostile }, false, views).encoded), ['object', '[Object]', '0']);
    assert.deepStrictEqual(decode(previewValue(new Map([['e', hostile]]), false, views).encoded), ['object', '[Map]', '0']);
    assert.deepStrictEqual(decode(previewValue([hostile], true, views).encoded), ['array', '[Array]', '0']);
    assert.deepStrictEqual(decode(previewValue(Object.create(HttpError.prototype), false, views).encoded)[0], 'error');
    assert.match(decode(previewValue({ error: plain }, false, views).encoded)[1], /^\{ error: /);
  });
});
