import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { callStopHook, looksAgain, readStopReport, STOP_LOOKS } from '../../../../src/core/run/inspector';
import { frameInText, stopHook } from '../../../../src/runtime/stop';

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

/** An inspector that answers each `Runtime.evaluate` with the next of `answers` (the last one repeats). */
function fakeInspector(answers: string[]): Promise<{ url: string; asked: () => number; close: () => void }> {
  let asked = 0;
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket: Socket) => {
    const accept = createHash('sha1')
      .update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // The client's frames are short and masked: [0x81, 0x80|len or 126 + u16][mask][payload].
      while (buffered.length >= 2) {
        let length = buffered[1] & 0x7f;
        let offset = 2;
        if (length === 126) {
          length = buffered.readUInt16BE(2);
          offset = 4;
        }
        if (buffered.length < offset + 4 + length) return;
        const mask = buffered.subarray(offset, offset + 4);
        const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
        for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        buffered = buffered.subarray(offset + 4 + length);
        const { id } = JSON.parse(payload.toString('utf8')) as { id: number };
        const value = answers[Math.min(asked++, answers.length - 1)];
        const text = Buffer.from(JSON.stringify({ id, result: { result: { type: 'string', value } } }));
        const head = text.length < 126 ? Buffer.from([0x81, text.length]) : Buffer.from([0x81, 126, 0, 0]);
        if (text.length >= 126) head.writeUInt16BE(text.length, 2);
        socket.write(Buffer.concat([head, text]));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `ws://127.0.0.1:${port}/fake`, asked: () => asked, close: () => server.close() });
    }),
  );
}

describe("the stop hook: asked again while it answers from between the program's jobs", () => {
  const at = { file: '/tmp/a.js', line: 1, column: 24 };

  it('asks again while the interrupt came in the tracer with no frame of the program, and keeps the frame', async () => {
    const inspector = await fakeInspector(['{"inTracer":true}', '{"inTracer":true}', JSON.stringify({ stuckAt: at })]);
    try {
      assert.deepEqual(await callStopHook(inspector.url, 5000), { stuckAt: at });
      assert.equal(inspector.asked(), 3);
    } finally {
      inspector.close();
    }
  });

  it('asks once when the program was idle or running its own code', async () => {
    for (const answer of ['{}', JSON.stringify({ stuckAt: at })]) {
      const inspector = await fakeInspector([answer]);
      try {
        assert.deepEqual(await callStopHook(inspector.url, 5000), readStopReport(answer));
        assert.equal(inspector.asked(), 1);
      } finally {
        inspector.close();
      }
    }
  });

  it(`gives up after ${STOP_LOOKS} looks`, async () => {
    const inspector = await fakeInspector(['{"inTracer":true}']);
    try {
      assert.deepEqual(await callStopHook(inspector.url, 5000), {});
      assert.equal(inspector.asked(), STOP_LOOKS);
    } finally {
      inspector.close();
    }
  });

  it("answers inTracer when only the tracer's own frames and Node's are under it, the frame otherwise", async () => {
    // Called from a callback of Node's (no frame of mocha under it); this file's folder plays the tracer's.
    const here = `${__dirname}/`;
    const call = (hook: () => string): Promise<string> => new Promise((resolve) => setImmediate(() => resolve(hook())));
    let flushed: boolean[] = [];
    const flush = (inTracer: boolean): void => void flushed.push(inTracer);
    assert.deepEqual(JSON.parse(await call(stopHook(flush, here))), { inTracer: true });
    assert.deepEqual(flushed, [true]);
    flushed = [];
    const report = JSON.parse(await call(stopHook(flush, '/no/such/tracer/'))) as { stuckAt?: { file: string } };
    assert.equal(report.stuckAt?.file, __filename);
    assert.deepEqual(flushed, [false]);
  });

  it('reads which answers ask again', () => {
    assert.equal(looksAgain('{"inTracer":true}'), true);
    assert.equal(looksAgain(JSON.stringify({ inTracer: true, stuckAt: at })), false);
    assert.equal(looksAgain('{}'), false);
    assert.equal(looksAgain('null'), false);
    assert.equal(looksAgain('not json'), false);
  });
});
