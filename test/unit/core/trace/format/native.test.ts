import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeNative,
  encodeNative,
  isNative,
  NATIVE_MAGIC,
  nativeFromBase64,
  nativeToBase64,
} from '../../../../../src/core/trace/format/native';
import { parseTrace } from '../../../../../src/core/trace/format';
import type { Trace, TraceJob, TracePromise } from '../../../../../src/core/trace/model';
import { isToWebview } from '../../../../../src/core/protocol';
import { fixtureTrace, oddTrace } from './fixture';
import { repoRoot } from '../../../../shared/paths';

const fixtures = join(repoRoot, 'test/unit/core/trace/format/fixtures');

/** A then-chain as the tracer records one: per promise five events, a job, and the job's why sentence. */
function chainTrace(n: number): Trace {
  const trace = fixtureTrace();
  trace.promises = [];
  trace.jobs = [];
  trace.events = [];
  const file = '/work/app/chain.js';
  let seq = 0;
  for (let i = 0; i < n; i++) {
    const created = seq++;
    const settled = seq++;
    const promise: TracePromise = {
      id: i,
      kind: 'then',
      parent: i > 0 ? i - 1 : null,
      inputs: [],
      location: { file, line: 2, column: 26 },
      state: 'fulfilled',
      value: { type: 'number', text: String(i + 1) },
      createdAt: created,
      settledAt: settled,
      settledIn: i,
      reactions: [{ on: 'fulfil', handler: { file, line: 2, column: 31 }, child: i + 1 }],
      internal: false,
    };
    const job: TraceJob = {
      id: i + 1,
      task: 'microtask',
      enqueuedAt: seq++,
      startedAt: seq,
      endedAt: seq + 1,
      promise: i,
      location: { file, line: 2, column: 31 },
      label: 'then handler',
      why: {
        rule: 'reaction',
        text: `Promise #${i} fulfilled at step ${settled}, so its \`.then\` handler was queued as a microtask.`,
      },
    };
    trace.promises.push(promise);
    trace.jobs.push(job);
    trace.events.push(
      { seq: created, type: 'promise', promise: i },
      { seq: settled, type: 'settle', promise: i, state: 'fulfilled' },
      { seq: seq - 1, type: 'enqueue', job: i + 1, task: 'microtask' },
      { seq: seq++, type: 'job-start', job: i + 1, task: 'microtask', time: 1000 + 13 * i },
      { seq: seq++, type: 'job-end', job: i + 1, time: 1005 + 13 * i },
    );
  }
  return trace;
}

describe('native format (PLTRACE 2)', () => {
  it('starts with its line and gives back exactly the trace', () => {
    const trace = fixtureTrace();
    const bytes = encodeNative(trace);
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, NATIVE_MAGIC.length)), 'PLTRACE 2\n');
    assert.ok(isNative(bytes));
    assert.deepEqual(decodeNative(bytes), trace);
    assert.equal(bytes.byteLength, bytes.buffer.byteLength, 'the bytes own their buffer, nothing more');
  });

  it('keeps values of every kind exactly: odd numbers and strings, mixed columns, nested lists, absent keys', () => {
    const trace = oddTrace();
    const back = decodeNative(encodeNative(trace));
    assert.deepEqual(back, trace);
    const backRows = back.events as unknown as Record<string, unknown>[];
    assert.ok(Object.hasOwn(backRows[1], '__proto__'), 'an own key, not the prototype');
    assert.equal(Object.getPrototypeOf(backRows[1]), Object.prototype);
    assert.ok(Object.is((backRows[0].odd as { zero: number }[])[0].zero, -0));
  });

  it('takes the numbers out of mostly distinct strings, and gives back the very strings', () => {
    const trace = chainTrace(2000);
    const job = trace.jobs[300] as unknown as Record<string, unknown>;
    job.label = 'then handler 007 and 12345678901234567890 and 0';
    (trace.jobs[1999].why as { text: string }).text = 'holds \u0000 past the sample 5';
    assert.deepEqual(decodeNative(encodeNative(trace)), trace);
  });

  it('tells alike strings apart when a row reuses the template of the row before', () => {
    const trace = chainTrace(300);
    const tricky = ['step 7 of 9', 'step 007 of 9', 'step 70 of 9', 'step 7 of 9x', 'step 7 of', 'step 7 of 9 10'];
    const more = ['x 1234567890123456 y', 'x 12 y', '0 and 0', '00 and 0', 'step 8 of 10', 'no digits', 'no digits'];
    trace.jobs.forEach((job, i) => {
      job.label = i % 3 === 0 ? tricky[i % tricky.length] : `step ${i} of ${i * 2}${more[i % more.length]}`;
    });
    assert.deepEqual(decodeNative(encodeNative(trace)), trace);
  });

  it('stores a then-chain in under 30 bytes per event, a tenth of the JSON', () => {
    const trace = chainTrace(20_000);
    const bytes = encodeNative(trace);
    const perEvent = bytes.length / trace.events.length;
    assert.ok(perEvent < 30, `${perEvent.toFixed(1)} bytes per event`);
    assert.ok(bytes.length * 10 < JSON.stringify(trace).length, `${bytes.length} bytes`);
    assert.deepEqual(decodeNative(bytes), trace);
  });

  it('names what is wrong with bytes that are not a whole trace', () => {
    const bytes = encodeNative(chainTrace(50));
    assert.throws(() => decodeNative(bytes.subarray(0, bytes.length - 7)));
    assert.throws(() => decodeNative(new TextEncoder().encode('PLTRACE 3\n')), /no PLTRACE 2 header/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    assert.throws(() => decodeNative(longer), /left over/);
  });

  it('still opens a PLTRACE 1 file (the JSON columns written before)', () => {
    const v1 = readFileSync(join(fixtures, 'v1.pltrace'));
    const expected = JSON.parse(readFileSync(join(fixtures, 'v1.expected.json'), 'utf8')) as Trace;
    assert.ok(v1.toString('latin1').startsWith('PLTRACE 1\n'));
    assert.deepEqual(decodeNative(v1), expected);
    assert.deepEqual(parseTrace(v1), expected);
    assert.deepEqual(parseTrace(v1.toString('utf8')), expected);
  });

  it('travels as base64 in a page and comes back byte for byte', () => {
    const bytes = encodeNative(chainTrace(100));
    const text = nativeToBase64(bytes);
    assert.match(text, /^[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(nativeFromBase64(text), bytes);
  });

  it('is what a trace message to the page carries, checked', () => {
    const bytes = encodeNative(fixtureTrace());
    assert.ok(isToWebview({ type: 'trace', native: bytes, revision: 1 }));
    assert.ok(!isToWebview({ type: 'trace', native: 'PLTRACE 2\n', revision: 1 }), 'text is not the bytes');
    assert.ok(!isToWebview({ type: 'trace', native: new TextEncoder().encode('PLTRACE 1\n{}'), revision: 1 }));
    assert.ok(!isToWebview({ type: 'trace', native: bytes, revision: 1.5 }));
  });
});
