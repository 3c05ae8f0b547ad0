import * as assert from 'node:assert/strict';
import { formats } from '../../../../../src/core/trace/format';
import { joinPieces, jsonPieces, linePieces } from '../../../../../src/core/trace/format/pieces';
import { fixtureTrace } from './fixture';
import type { Trace } from '../../../../../src/core/trace/model';

/** The fixture with `n` more console events, each a distinct line. */
function bigTrace(n: number): Trace {
  const trace = fixtureTrace();
  for (let i = 0; i < n; i++)
    trace.events.push({
      seq: trace.events.length,
      type: 'console',
      stream: 'stdout',
      text: `line ${i}`,
      task: 'script',
      job: 1,
      time: i,
    });
  return trace;
}

describe('format pieces: a large trace written a piece at a time', () => {
  it('jsonPieces gives exactly what JSON.stringify gives', () => {
    const values: object[] = [
      {},
      { a: [] },
      { a: undefined, b: () => 1, c: Symbol('s'), d: null, e: [undefined, () => 1, 1], f: { g: [1, [2, 3]] } },
      fixtureTrace(),
      bigTrace(10_000),
    ];
    for (const value of values) assert.equal(joinPieces(jsonPieces(value)), JSON.stringify(value));
  });

  it('keeps every piece small, whatever the trace holds', () => {
    const trace = bigTrace(50_000);
    const pieces = [...jsonPieces(trace)];
    const whole = JSON.stringify(trace).length;
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    assert.ok(Math.max(...pieces.map((p) => p.length)) < whole / 5, 'no piece holds most of the trace');
  });

  it('linePieces gives exactly the lines joined with newlines', () => {
    for (const n of [0, 1, 4095, 4096, 4097, 10_000]) {
      const lines = Array.from({ length: n }, (_, i) => `line ${i}`);
      assert.equal(joinPieces(linePieces(lines)), lines.join('\n'), `${n} lines`);
    }
  });

  it('every format writes in pieces exactly what it writes whole', () => {
    const trace = bigTrace(9_000);
    for (const [name, format] of Object.entries(formats)) {
      if (name === 'html') continue; // needs the built page assets: the CLI's process tests write it
      const whole = format.write(trace);
      const pieces = [...format.pieces(trace)];
      if (typeof whole === 'string') assert.equal(pieces.join(''), whole, name);
      else assert.deepEqual(Buffer.concat(pieces as Uint8Array[]), Buffer.from(whole), name);
    }
  });
});
