import * as assert from 'assert';
import * as util from 'util';
import {
  DEPTH,
  describe as describeValue,
  NODE_TEXT_MAX,
  NODES,
  TEXT_MAX,
  type DescribeViews,
} from '../../../src/runtime/describe';
import { previewValue, settledReader } from '../../../src/runtime/preview';
import { publicViews } from './views';

/** Proxies made here, with their parts, as Node's `getProxyDetails` gives them to the runtime. */
const proxies = new WeakMap<object, [unknown, unknown]>();
function proxy<T extends object>(target: T, handler: ProxyHandler<T>): T {
  const made = new Proxy(target, handler);
  proxies.set(made, [target, handler]);
  return made;
}
const views: DescribeViews = { ...publicViews, proxyParts: (value) => proxies.get(value) };

const text = (value: unknown) => describeValue(value, views).text;
const tree = (value: unknown) => {
  const json = describeValue(value, views).tree;
  return json === '' ? null : (JSON.parse(json) as Tree);
};
interface Tree {
  t: string;
  x: string;
  k?: string;
  l?: string;
  c?: Tree[];
  m?: number;
}

describe('runtime: values described to depth', () => {
  let touched = 0;
  const touch = (): never => {
    touched++;
    throw new Error('touched');
  };
  beforeEach(() => (touched = 0));
  afterEach(() => assert.strictEqual(touched, 0, 'no user code ran'));

  it('shows each Promise.allSettled result with its status and value or reason', async () => {
    const results = await Promise.allSettled([
      Promise.resolve('user'),
      Promise.reject(new Error('orders down')),
      Promise.resolve({ id: 7, tags: ['a'] }),
    ]);
    assert.strictEqual(
      text(results),
      "[ { status: 'fulfilled', value: 'user' }, { status: 'rejected', reason: Error: orders down }, { status: 'fulfilled', value: { id: 7, tags: [ 'a' ] } } ]",
    );
    const root = tree(results)!;
    assert.strictEqual(root.t, 'array');
    assert.deepStrictEqual(
      root.c!.map((c) => [c.k, c.c!.map((g) => `${g.k}=${g.t}:${g.x}`)]),
      [
        ['0', ["status=string:'fulfilled'", "value=string:'user'"]],
        ['1', ["status=string:'rejected'", 'reason=error:Error: orders down']],
        ['2', ["status=string:'fulfilled'", "value=object:{ id: 7, tags: [ 'a' ] }"]],
      ],
    );
  });

  it('writes ordinary values exactly as util.inspect does at the same depth', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const values: unknown[] = [
      { a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } },
      [1, [2, [3, [4, [5]]]]],
      new Point(1, 2),
      new Map<unknown, unknown>([
        ['a', 1],
        [{ k: 1 }, [2]],
      ]),
      new Set([1, 'two', { three: 3 }]),
      Object.create(null),
      Object.assign(Object.create(null), { a: 1 }),
      { 'a-b': 1, [Symbol('s')]: 2, $ok: 3 },
      // eslint-disable-next-line no-sparse-arrays -- a hole, as inspect writes it
      [1, , 3],
      new Array(5),
      Array.from({ length: 30 }, (_, i) => i),
      new Uint8Array([1, 2, 3]),
      new Float64Array(12),
      new BigInt64Array([1n, -2n]),
      new Date(0),
      new Date(NaN),
      /ab+c/gi,
      Object(1n),
      Object(1),
      Object('str'),
      Object(false),
      Object(Symbol('b')),
      "it's",
      'say "hi" it\'s',
      'tab\tnew\nline\u0001',
      'x'.repeat(500),
      -0,
      [NaN, -Infinity, 1e21, 2 ** 53],
      {
        get a() {
          return 1;
        },
        set b(_v: unknown) {},
        get c() {
          return 1;
        },
        set c(_v: unknown) {},
      },
      function named() {},
      async function asyncNamed() {},
      function* gen() {},
      async function* agen() {},
      () => 1,
      class A {},
      class B extends Map {},
      new WeakMap(),
      new WeakSet(),
    ];
    const options = {
      depth: DEPTH - 1,
      customInspect: false,
      getters: false,
      showHidden: false,
      maxArrayLength: 10,
      maxStringLength: 120,
      breakLength: Infinity,
      compact: true,
      sorted: false,
    };
    for (const value of values)
      assert.strictEqual(text(value), util.inspect(value, options), `for ${util.inspect(value)}`);
    // One deliberate difference: a function's own properties follow it (inspect writes `{ [Function: f] extra: true }`).
    assert.strictEqual(text(Object.assign(() => 1, { extra: true })), '[Function (anonymous)] { extra: true }');
  });

  it('tells types from the value, never from its text', () => {
    const types = (value: unknown) => describeValue(value, views).type;
    assert.strictEqual(types(new Date(0)), 'date');
    assert.strictEqual(types(Object(1n)), 'object');
    assert.strictEqual(types(Object(5)), 'object');
    assert.strictEqual(types(/x/), 'regexp');
    assert.strictEqual(types(new Map()), 'map');
    assert.strictEqual(types(new Set()), 'set');
    assert.strictEqual(types(new Uint8Array(2)), 'object');
    assert.strictEqual(types(['[Object]']), 'array');
    assert.strictEqual(types({ toString: () => '1' }), 'object');
    assert.strictEqual(types(class {}), 'function');
    assert.strictEqual(types(new (class NotAnError {})()), 'object');
    // Through the preview too: the recorded type is the value's.
    assert.strictEqual(previewValue(new Date(0), false, views).encoded.split('\u0001')[0], 'date');
    assert.strictEqual(previewValue(Object(1n), false, views).encoded.split('\u0001')[0], 'object');
  });

  it("shows an error with its cause chain, extra properties and an AggregateError's errors", () => {
    const inner = new TypeError('inner');
    const outer = new Error('outer', { cause: new Error('middle', { cause: inner }) });
    assert.strictEqual(text(outer), 'Error: outer { [cause]: Error: middle { [cause]: TypeError: inner } }');
    const coded = Object.assign(new Error('no file'), { code: 'ENOENT' });
    assert.strictEqual(text(coded), "Error: no file { code: 'ENOENT' }");
    const all = new AggregateError([new Error('a'), new RangeError('b')], 'all failed');
    assert.strictEqual(text(all), 'AggregateError: all failed { [errors]: [ Error: a, RangeError: b ] }');
    assert.deepStrictEqual(
      tree(all)!.c!.map((c) => [c.k, c.t, c.x]),
      [['[errors]', 'array', '[ Error: a, RangeError: b ]']],
    );
    class ValidationError extends Error {
      constructor(field: string) {
        super(`${field} is required`);
        this.name = 'ValidationError';
      }
    }
    assert.strictEqual(text(new ValidationError('email')), 'ValidationError: email is required');
    class Quiet extends Error {}
    assert.strictEqual(text(new Quiet('x')), 'Quiet [Error]: x');
    assert.strictEqual(tree(new Error('plain')), null);
  });

  it('shows Map and Set entries and class names, stopping after the shown number', () => {
    const big = new Map(Array.from({ length: 25 }, (_, i) => [`k${i}`, i] as [string, number]));
    assert.match(text(big), /^Map\(25\) \{ 'k0' => 0, .*'k9' => 9, \.\.\. 15 more items \}$/);
    const root = tree(big)!;
    assert.strictEqual(root.l, 'Map(25)');
    assert.strictEqual(root.c!.length, 10);
    assert.strictEqual(root.m, 15);
    assert.deepStrictEqual([root.c![0].k, root.c![0].x], ["'k0'", '0']);
    class Cart {
      items = new Set(['apple']);
    }
    assert.strictEqual(text(new Cart()), "Cart { items: Set(1) { 'apple' } }");
    assert.strictEqual(tree(new Cart())!.l, 'Cart');
  });

  it('marks circular references as inspect does', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    assert.strictEqual(text(a), "<ref *1> { name: 'a', self: [Circular *1], list: [ [Circular *1] ] }");
    const shared = { n: 1 };
    assert.strictEqual(text([shared, shared]), '[ { n: 1 }, { n: 1 } ]');
  });

  it('stays within its budget for huge values, and says what it left out', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`key${i}`, { i, nested: { deeper: [i] } }]),
    );
    const d = describeValue(wide, views);
    assert.ok(d.text.length <= TEXT_MAX);
    assert.strictEqual(d.cut, true);
    const root = JSON.parse(d.tree) as Tree;
    let nodes = 0;
    const count = (n: Tree) => {
      nodes++;
      assert.ok(n.x.length <= NODE_TEXT_MAX + 1, n.x);
      n.c?.forEach(count);
    };
    count(root);
    assert.ok(nodes <= NODES + 1, `${nodes} nodes`);
    assert.ok(root.m! >= 5000 - 20);
    const million = new Array(1_000_000).fill(7);
    // Without Node's view of an array's named keys, as in the bare preload: no list of a million keys.
    const text = (value: unknown) => describeValue(value, {}).text;
    const start = process.hrtime.bigint();
    assert.strictEqual(text(million), '[ 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, ... 999990 more items ]');
    const sparse: unknown[] = [];
    sparse[1_000_000] = 1;
    assert.strictEqual(text(sparse), '[ <1000 empty items>, ... 999001 more items ]');
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 200, 'no walk over a million elements');
  });

  it('runs no getter, proxy trap, name getter or toStringTag getter', () => {
    class Sly {
      static get name() {
        return touch();
      }
    }
    const namedFn = function f() {};
    Object.defineProperty(namedFn, 'name', { get: touch });
    const tagged = {
      get [Symbol.toStringTag]() {
        return touch();
      },
    };
    const hostileError = new Error('x');
    Object.defineProperty(hostileError, 'name', { get: touch });
    Object.defineProperty(hostileError, 'message', { get: touch });
    class HttpError extends Error {}
    Object.defineProperty(HttpError.prototype, 'name', { get: touch });
    const trapped = proxy(
      { secret: 1 },
      { get: touch, ownKeys: touch, getOwnPropertyDescriptor: touch, getPrototypeOf: touch, has: touch },
    );
    const hidden = new Proxy(
      {},
      { get: touch, ownKeys: touch, getOwnPropertyDescriptor: touch, getPrototypeOf: touch },
    );
    const getter = {
      get boom() {
        return touch();
      },
    };
    const re = /x/g;
    Object.defineProperty(re, 'source', { get: touch });
    Object.defineProperty(re, 'flags', { get: touch });
    const date = new Date(0);
    Object.defineProperty(date, 'toISOString', { value: touch });
    const values = [
      new Sly(),
      Sly,
      namedFn,
      tagged,
      hostileError,
      new HttpError('not found'),
      { e: new HttpError('deep') },
      trapped,
      hidden,
      getter,
      re,
      date,
      [Sly, { inner: getter }],
    ];
    const texts = values.map(text);
    assert.deepStrictEqual(texts, [
      '{}',
      '[class (anonymous)]',
      '[Function (anonymous)]',
      '{ [Symbol(Symbol.toStringTag)]: [Getter] }',
      'Error',
      'HttpError [Error]: not found',
      '{ e: HttpError [Error]: deep }',
      'Proxy [ { secret: 1 }, { get: [Function: touch], ownKeys: [Function: touch], getOwnPropertyDescriptor: [Function: touch], getPrototypeOf: [Function: touch], has: [Function: touch] } ]',
      'Proxy [Object]',
      '{ boom: [Getter] }',
      '/x/g',
      '1970-01-01T00:00:00.000Z',
      '[ [class (anonymous)], { inner: { boom: [Getter] } } ]',
    ]);
  });

  it('calls no builtin the program patched', () => {
    // The originals, taken before anything is patched; restored with them.
    const { getOwnPropertyDescriptor, defineProperty } = Object;
    const saved: Array<[object, PropertyKey, PropertyDescriptor]> = [];
    const patch = (target: object, key: PropertyKey) => {
      const desc = getOwnPropertyDescriptor(target, key)!;
      saved[saved.length] = [target, key, desc];
      defineProperty(target, key, { configurable: true, writable: true, enumerable: false, value: touch });
    };
    const value = [
      new Map([['a', [1, 2]]]),
      new Set(['s']),
      { e: new Error('x', { cause: new Error('y') }) },
      new Date(0),
      /r/,
      new Uint8Array(2),
      'str',
      Object(1n),
      () => 1,
      class K {},
    ];
    // The test's own views call public builtins; the runtime's are Node's internals, which are not patched.
    const bare: DescribeViews = {};
    const expected = describeValue(value, bare).text;
    let patchedText = '';
    let patchedTree = '';
    try {
      // Index loops: the test itself must not use the array iterator it patches.
      const targets: Array<[object, PropertyKey[]]> = [
        [Array.prototype, ['includes', 'push', 'pop', 'join', 'map', 'forEach', 'slice', 'indexOf', Symbol.iterator]],
        [Map.prototype, ['entries', 'values', 'forEach', Symbol.iterator]],
        [Set.prototype, ['entries', 'values', 'forEach', Symbol.iterator]],
        [Object, ['defineProperty', 'keys', 'getOwnPropertyDescriptor']],
        [Reflect, ['ownKeys']],
        [Function.prototype, ['call', 'apply', 'toString']],
        [String.prototype, ['slice', 'replace', 'toUpperCase']],
        [RegExp.prototype, ['exec']],
        [Date.prototype, ['toISOString']],
        [JSON, ['stringify']],
      ];
      for (let t = 0; t < targets.length; t++)
        for (let k = 0; k < targets[t][1].length; k++) patch(targets[t][0], targets[t][1][k]);
      const d = describeValue(value, bare);
      patchedText = d.text;
      patchedTree = d.tree;
    } finally {
      for (let i = saved.length - 1; i >= 0; i--) defineProperty(saved[i][0], saved[i][1], saved[i][2]);
    }
    assert.strictEqual(patchedText, expected);
    assert.strictEqual(patchedTree, describeValue(value, bare).tree);
  });

  it('reads a nested promise through its details, and records the tree with the text', () => {
    const inner = Promise.resolve(5);
    const details = (p: Promise<unknown>): [number, unknown?] => (p === inner ? [1, 5] : [0]);
    assert.strictEqual(
      describeValue({ p: inner, q: new Promise(() => undefined) }, { promise: details }).text,
      '{ p: Promise { 5 }, q: Promise { <pending> } }',
    );
    assert.strictEqual(describeValue(inner, {}).text, 'Promise { <unknown> }');
    const outer = Promise.resolve([{ status: 'rejected', reason: new Error('down') }]);
    const read = settledReader(
      (p) => (p === outer ? [1, [{ status: 'rejected', reason: new Error('down') }]] : [0]),
      views,
    );
    const [type, shown, cut, json] = read(outer)!.encoded.split('\u0001');
    assert.deepStrictEqual([type, shown, cut], ['array', "[ { status: 'rejected', reason: Error: down } ]", '0']);
    assert.strictEqual((JSON.parse(json) as Tree).c![0].c![1].x, 'Error: down');
  });
});
