import * as assert from 'assert';
import { OutsideOutput, outsideLines } from '../../../../src/core/trace/outsideOutput';

/** Walks `stream` past the recorded writes (text, whole length) and returns what each left before it, then the rest. */
function walk(stream: string, writes: Array<[string, number]>): string[] {
  const outside = new OutsideOutput(stream);
  return [...writes.map(([text, length]) => outside.before(text, length)), outside.rest()];
}

describe('OutsideOutput', () => {
  it('finds nothing outside when the stream is exactly the recorded writes', () => {
    assert.deepStrictEqual(
      walk('a\nb\n\nc', [
        ['a', 2],
        ['b', 2],
        ['', 1],
        ['c', 1],
      ]),
      ['', '', '', '', ''],
    );
  });

  it('prefers a write that starts a line to the same text inside another writer’s line', () => {
    assert.deepStrictEqual(walk('child says hi\nhi\n', [['hi', 3]]), ['child says hi\n', '']);
  });

  it('takes a write in the middle of a line when that is the only place it is', () => {
    assert.deepStrictEqual(walk('[child]hi\n', [['hi', 3]]), ['[child]', '']);
  });

  it('steps over the whole of a write the runtime cut', () => {
    const long = 'x'.repeat(5000);
    assert.deepStrictEqual(walk(`${long}\nafter\n`, [[long.slice(0, 4096), 5001]]), ['', 'after\n']);
  });

  it('of a stream kept only in part, takes nothing from its unfinished end as a line of its own', () => {
    const outside = new OutsideOutput('a\nb\nchild\nc-cut-sh', false);
    assert.deepStrictEqual(
      [outside.before('a', 2), outside.before('b', 2), outside.before('c-cut-short', 12), outside.rest()],
      ['', '', '', ''],
    );
    const whole = new OutsideOutput('a\nb\nchild\nc-cut-sh');
    assert.deepStrictEqual(
      [whole.before('a', 2), whole.before('b', 2), whole.before('c-cut-short', 12), whole.rest()],
      ['', '', '', 'child\nc-cut-sh'],
    );
  });

  it('leaves the stream alone for a write that never reached it', () => {
    assert.deepStrictEqual(
      walk('a\nz\n', [
        ['a', 2],
        ['lost', 5],
        ['z', 2],
      ]),
      ['', '', '', ''],
    );
  });

  it('splits outside text into lines, keeping an unfinished last one', () => {
    assert.deepStrictEqual(outsideLines(''), []);
    assert.deepStrictEqual(outsideLines('a\r\nb\n'), ['a', 'b']);
    assert.deepStrictEqual(outsideLines('a\n\nb'), ['a', '', 'b']);
  });
});
