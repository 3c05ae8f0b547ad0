import * as assert from 'node:assert/strict';
import { readStopReport } from '../../../../src/core/run/inspector';
import { frameInText } from '../../../../src/runtime/stop';

describe('the stop report: where a stopped program was running', () => {
  it("reads the program's frame from V8's default text, past the inspector's, Node's and the tracer's", () => {
    // What V8 gives when the interrupt came while the tracer itself was formatting a stack.
    const text = [
      'Error',
      '    at <anonymous>:1:107',
      '    at prepareStackTraceCallback (node:internal/errors:131:35)',
      '    at /opt/lens/dist/register.js:4:4338',
      '    at ot.capture (/opt/lens/dist/register.js:4:5284)',
      '    at Promise.then (<anonymous>)',
      '    at f (/tmp/work/program.js:1:34)',
      '    at /tmp/work/program.js:1:50',
    ].join('\n');
    assert.deepEqual(frameInText(text, ['/opt/lens/dist/']), { file: '/tmp/work/program.js', line: 1, column: 34 });
    assert.deepEqual(frameInText('Error\n    at async g (file:///tmp/a.mjs:3:9)', []), {
      file: 'file:///tmp/a.mjs',
      line: 3,
      column: 9,
    });
    assert.equal(frameInText('Error\n    at /opt/lens/dist/register.js:1:1', ['/opt/lens/dist/']), undefined);
  });

  it('keeps a report only when it has the expected shape', () => {
    const at = { file: '/tmp/a.js', line: 2, column: 5 };
    assert.deepEqual(readStopReport(JSON.stringify({ stuckAt: at })), { stuckAt: at });
    assert.deepEqual(readStopReport(JSON.stringify({ stuckAt: 'Error\n    at f (/tmp/a.js:2:5)' })), {});
    assert.deepEqual(readStopReport(JSON.stringify({ stuckAt: { file: '/tmp/a.js', line: '2', column: 5 } })), {});
    assert.deepEqual(readStopReport('{}'), {});
    assert.deepEqual(readStopReport('null'), {});
    assert.deepEqual(readStopReport('not json'), {});
  });
});
