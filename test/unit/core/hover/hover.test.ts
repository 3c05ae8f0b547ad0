// Which promises a position in real source refers to: the examples parsed by TypeScript, with traces
// whose locations sit where V8 reports them.
import * as assert from 'node:assert/strict';
import { HoverIndex } from '../../../../src/core/hover';
import { example, HoverTraceBuilder } from './traces';

const ids = (promises: { id: number }[] | undefined) => promises?.map((p) => p.id);

describe('hover: cart-order-payment.js', () => {
  const file = '/ws/cart-order-payment.js';
  const text = example('cart-order-payment.js');
  const b = new HoverTraceBuilder(file, text);
  const timer = b.job('timer', 'setTimeout 20 ms');
  // createOrder(cart) and createOrder([]): one `new Promise` site, two promises.
  const order = b.promise('new', b.at(5, 'new'), { value: "{ id: 'ORD-1', items: [Array] }", settledIn: timer });
  const empty = b.promise('new', b.at(5, 'new'), { state: 'rejected', value: 'Error: cart is empty' });
  const then1 = b.promise('then', b.at(23, 'then'), { parent: order.id });
  const then2 = b.promise('then', b.at(27, 'then'), { parent: then1.id });
  const catch1 = b.promise('catch', b.at(28, 'catch'), { parent: then2.id });
  const fin = b.promise('finally', b.at(29, 'finally'), { parent: catch1.id });
  const catch2 = b.promise('catch', b.at(31, 'catch'), { parent: empty.id });
  const payment = b.promise('new', b.at(12, 'new'), { value: "{ order: 'ORD-1', paid: true }" });
  b.promise('unknown', null, { internal: true });
  const index = new HoverIndex({ text, fileName: file, trace: b.trace, file });

  it('finds the .then call at its method name and nowhere else', () => {
    const target = index.targetAt(b.offset(23, 'then'));
    assert.equal(target?.label, '.then');
    assert.deepEqual(ids(target?.promises), [then1.id]);
    // The hover range starts at the method name, not at the start of the whole chain on line 22.
    assert.equal(target?.start, b.offset(23, 'then'));
    assert.deepEqual(ids(index.targetAt(b.offset(27, 'showOrderSummary'))?.promises), [then2.id]);
    assert.deepEqual(ids(index.targetAt(b.offset(28, 'catch', 0, 2))?.promises), [catch1.id]);
    assert.deepEqual(ids(index.targetAt(b.offset(29, 'finally'))?.promises), [fin.id]);
  });

  it('is silent inside handlers and executors that created no promise', () => {
    assert.equal(index.targetAt(b.offset(24, 'console')), undefined);
    assert.equal(index.targetAt(b.offset(29, 'checkout finished')), undefined);
    assert.equal(index.targetAt(b.offset(6, 'Error')), undefined);
    assert.equal(index.targetAt(b.offset(20, 'cart')), undefined);
    assert.equal(index.targetAt(b.offset(16, 'payment done')), undefined);
  });

  it('gives a call of a function of the file exactly the promise that call made', () => {
    // createOrder returns `new Promise` (line 5), made twice; the `.then` / `.catch` on each call tell which.
    const first = index.targetAt(b.offset(22, 'createOrder'));
    assert.equal(first?.label, 'createOrder()');
    assert.deepEqual(ids(first?.promises), [order.id]);
    assert.equal(first?.scope, 'call');
    const second = index.targetAt(b.offset(31, 'createOrder'));
    assert.deepEqual(ids(second?.promises), [empty.id]);
    // proceedToPayment(order) inside a handler: the promise its `return new Promise` made.
    assert.deepEqual(ids(index.targetAt(b.offset(25, 'proceedToPayment'))?.promises), [payment.id]);
  });

  it('matches the new Promise site to every promise it made', () => {
    const target = index.targetAt(b.offset(5, 'Promise'));
    assert.equal(target?.label, 'new Promise');
    assert.deepEqual(ids(target?.promises), [order.id, empty.id]);
  });

  it('summarises each line by its outermost promise-creating expression', () => {
    const lines = index.lineSummaries().map((s) => [s.line + 1, s.label, ids(s.promises)]);
    assert.deepEqual(lines, [
      [5, 'new Promise', [order.id, empty.id]],
      [12, 'new Promise', [payment.id]],
      [23, '.then', [then1.id]],
      [27, '.then', [then2.id]],
      [28, '.catch', [catch1.id]],
      [29, '.finally', [fin.id]],
      [31, '.catch', [catch2.id]],
    ]);
  });

  it('follows lines moved by edits and drops the ones edited', () => {
    // Two lines inserted at the top; line 29 (0-based 28) was edited and no longer holds.
    const moved = '// one\n// two\n' + text;
    const mapLine = (line: number) => (line === 28 ? undefined : line + 2);
    const shifted = new HoverIndex({ text: moved, fileName: file, trace: b.trace, file, mapLine });
    const offset = (line: number, needle: string) => b.offset(line, needle) + '// one\n// two\n'.length;
    assert.deepEqual(ids(shifted.targetAt(offset(27, 'then'))?.promises), [then2.id]);
    assert.equal(shifted.targetAt(offset(29, 'finally')), undefined);
    // The `.then` of line 23 still answers through what was chained on it.
    assert.deepEqual(ids(shifted.targetAt(offset(23, 'then'))?.promises), [then1.id]);
  });
});

// The runtime records an async function's promise at its call when it sees the caller, else at the function.
for (const where of ['at the call', 'at the function'] as const) {
  describe(`hover: async-await.ts, async promises recorded ${where}`, () => {
    const file = '/ws/async-await.ts';
    const text = example('async-await.ts');
    const b = new HoverTraceBuilder(file, text);
    const atCall = where === 'at the call';
    const main = b.promise('async', atCall ? b.at(27, 'main') : b.at(15, '('));
    const call = (line: number, nth = 0) =>
      b.promise('async', atCall ? b.at(line, 'loadUser', nth) : b.at(10, '('), { value: "{ id: 1, name: 'user-1' }" });
    const delayAndAwait = () => {
      const delay = b.promise('new', b.at(8, 'new'));
      b.promise('await', b.at(11, 'await'), { parent: delay.id });
      return delay;
    };
    const user1 = call(16);
    const delay1 = delayAndAwait();
    const await16 = b.promise('await', b.at(16, 'await'), { parent: user1.id });
    const user2 = call(18, 0);
    const delay2 = delayAndAwait();
    const user3 = call(18, 1);
    const delay3 = delayAndAwait();
    const all = b.promise('all', b.at(18, 'all'), { inputs: [user2.id, user3.id], value: '[ [Object], [Object] ]' });
    // Promise.all calls `then` on each input: side promises at the same position.
    b.promise('then', b.at(18, 'all'), { parent: user2.id });
    b.promise('then', b.at(18, 'all'), { parent: user3.id });
    const await18 = b.promise('await', b.at(18, 'await'), { parent: all.id });
    const reject = b.promise('reject', b.at(21, 'reject'), { state: 'rejected', value: 'Error: no user 4' });
    const await21 = b.promise('await', b.at(21, 'await'), {
      parent: reject.id,
      state: 'rejected',
      value: 'Error: no user 4',
    });
    const index = new HoverIndex({ text, fileName: file, trace: b.trace, file });

    it('tells the calls of an async function apart by what awaited them', () => {
      const first = index.targetAt(b.offset(16, 'loadUser'));
      assert.deepEqual(ids(first?.promises), [user1.id]);
      assert.notEqual(first?.scope, 'every-call');
      assert.deepEqual(ids(index.targetAt(b.offset(18, 'loadUser', 0))?.promises), [user2.id]);
      assert.deepEqual(ids(index.targetAt(b.offset(18, 'loadUser', 1))?.promises), [user3.id]);
    });

    it('hovers an await as the promise it waited for, and Promise.all with its side promises apart', () => {
      const awaited = index.targetAt(b.offset(16, 'await'));
      assert.deepEqual(ids(awaited?.promises), [user1.id]);
      assert.equal(awaited?.awaited, true);
      assert.ok(await16.parent === user1.id);
      const combinator = index.targetAt(b.offset(18, 'Promise'));
      assert.equal(combinator?.label, 'Promise.all');
      assert.deepEqual(ids(combinator?.promises), [all.id]);
      assert.equal(combinator?.side.length, 2);
      assert.deepEqual(ids(index.targetAt(b.offset(18, 'await'))?.promises), [all.id]);
      assert.ok(await18.parent === all.id);
      assert.deepEqual(ids(index.targetAt(b.offset(21, 'reject'))?.promises), [reject.id]);
      assert.deepEqual(ids(index.targetAt(b.offset(21, 'await'))?.promises), [reject.id]);
      assert.ok(await21.parent === reject.id);
      // The end-of-line note of an await says how what it waited for settled.
      const line21 = index.lineSummaries().find((l) => l.line === 20);
      assert.deepEqual(ids(line21?.promises), [reject.id]);
    });

    it('gives the head of an async function every promise it returned', () => {
      const head = index.targetAt(b.offset(10, 'loadUser'));
      assert.equal(head?.label, 'async function loadUser');
      assert.deepEqual(ids(head?.promises), [user1.id, user2.id, user3.id]);
      assert.deepEqual(ids(index.targetAt(b.offset(15, 'async'))?.promises), [main.id]);
      // Inside the body, away from any promise-creating expression: silent.
      assert.equal(index.targetAt(b.offset(12, 'name')), undefined);
      assert.equal(index.targetAt(b.offset(17, 'console')), undefined);
    });

    it('maps a call through an arrow function that returns new Promise', () => {
      const target = index.targetAt(b.offset(11, 'delay'));
      assert.equal(target?.label, 'delay()');
      assert.deepEqual(ids(target?.promises), [delay1.id, delay2.id, delay3.id]);
    });

    it('puts main() at the end of the file on the async promise of main', () => {
      assert.deepEqual(ids(index.targetAt(b.offset(27, 'main'))?.promises), [main.id]);
    });
  });
}

describe('hover: untitled buffers and odd input', () => {
  it('matches an untitled buffer by the name the trace gives it', () => {
    const text = 'Promise.resolve(1).then((v) => v + 1);\n';
    const b = new HoverTraceBuilder('Untitled-1', text);
    const resolved = b.promise('resolve', b.at(1, 'resolve'), { value: '1' });
    const then = b.promise('then', b.at(1, 'then'), { parent: resolved.id, value: '2' });
    const index = new HoverIndex({
      text,
      fileName: 'Untitled-1',
      languageId: 'javascript',
      trace: b.trace,
      file: 'Untitled-1',
    });
    assert.deepEqual(ids(index.targetAt(b.offset(1, 'resolve'))?.promises), [resolved.id]);
    assert.deepEqual(ids(index.targetAt(b.offset(1, 'then'))?.promises), [then.id]);
    assert.equal(index.lineSummaries()[0].label, '.then');
  });

  it('shows the value an await of a plain value waited for, not its throwaway promise', () => {
    // V8 wraps `5` in a promise (parent: the async function's promise), then awaits that.
    const text = 'async function f() {\n  const x = await 5;\n  return x;\n}\nf();\n';
    const b = new HoverTraceBuilder('/w.js', text);
    const fn = b.promise('async', b.at(5, 'f'), { value: '5' });
    const wrapper = b.promise('await', b.at(2, 'await'), { parent: fn.id, value: '5' });
    b.promise('await', b.at(2, 'await'), { parent: wrapper.id });
    const index = new HoverIndex({ text, fileName: '/w.js', trace: b.trace, file: '/w.js' });
    assert.deepEqual(ids(index.targetAt(b.offset(2, 'await'))?.promises), [wrapper.id]);
    assert.deepEqual(ids(index.targetAt(b.offset(5, 'f'))?.promises), [fn.id]);
  });

  it('ignores promises of other files and locations past the end of the text', () => {
    const text = 'const p = new Promise((r) => r(1));\n';
    const b = new HoverTraceBuilder('/a.js', text);
    b.promise('new', { file: '/other.js', line: 1, column: 11 });
    b.promise('new', { file: '/a.js', line: 99, column: 1 });
    const index = new HoverIndex({ text, fileName: '/a.js', trace: b.trace, file: '/a.js' });
    assert.equal(index.targetAt(b.offset(1, 'new')), undefined);
    assert.equal(index.empty, true);
    assert.deepEqual(index.lineSummaries(), []);
  });

  it('parses broken code without throwing', () => {
    const text = 'Promise.resolve(1).then((v) => {\n';
    const b = new HoverTraceBuilder('/b.js', text);
    const p = b.promise('then', b.at(1, 'then'));
    const index = new HoverIndex({ text, fileName: '/b.js', trace: b.trace, file: '/b.js' });
    assert.deepEqual(ids(index.targetAt(b.offset(1, 'then'))?.promises), [p.id]);
  });
});
