import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as core from '../../../../src/wire/recording';
import { parseRecording, readRecording, RecordingError, type RunInfo } from '../../../../src/core/trace/recording';
import { traceToText } from '../../../../src/core/trace/format/text';

const run: RunInfo = {
  file: '/work/app.js',
  node: 'v20.0.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  exit: { code: 0, signal: null, reason: 'completed' },
};

/** Builds a recording the way the runtime's writer lays it out. */
function recording(chunks: Array<{ strings: string[] } | { words: number[] }>): Buffer {
  const parts: Buffer[] = [Buffer.from(core.MAGIC, 'utf8')];
  for (const chunk of chunks) {
    const payload =
      'strings' in chunk
        ? Buffer.from(JSON.stringify(chunk.strings), 'utf8')
        : Buffer.from(Int32Array.from(chunk.words).buffer);
    const head = Buffer.alloc(5);
    head[0] = 'strings' in chunk ? core.CHUNK_STRINGS : core.CHUNK_EVENTS;
    head.writeUInt32LE(payload.length, 1);
    parts.push(head, payload);
  }
  return Buffer.concat(parts);
}

const { Op } = core;
const sample = recording([
  { strings: ['main script', '/work/app.js', 'number\u00011\u00010', 'hello', 'setTimeout 0 ms'] },
  {
    words: [
      Op.JobStart,
      1,
      core.Task.script,
      0,
      0,
      0,
      0,
      10,
      Op.Location,
      1,
      1,
      3,
      9,
      Op.Promise,
      1,
      0,
      core.KINDS.indexOf('resolve'),
      1,
      0,
      Op.Settle,
      1,
      Op.Value,
      1,
      1,
      2,
      Op.Promise,
      2,
      1,
      core.KINDS.indexOf('then'),
      1,
      0,
      Op.Enqueue,
      2,
      core.Task.timer,
      Op.Console,
      1,
      3,
      6,
      0,
      20,
      Op.JobEnd,
      1,
      0,
      30,
    ],
  },
  {
    words: [
      Op.PromiseJob,
      3,
      2,
      0,
      40,
      Op.Settle,
      2,
      Op.Value,
      2,
      2,
      -1,
      Op.JobEnd,
      3,
      0,
      50,
      Op.JobStart,
      2,
      core.Task.timer,
      0,
      1,
      4,
      0,
      60,
      Op.JobEnd,
      2,
      0,
      70,
      Op.Unhandled,
      2,
      Op.Exit,
      0,
      2,
    ],
  },
]);

describe('readRecording', () => {
  it('reads promises, jobs, console lines and the queue each job waited in', () => {
    const trace = parseRecording(sample, run);
    assert.strictEqual(trace.promises.length, 2);
    const [p1, p2] = trace.promises;
    assert.deepStrictEqual(p1.location, { file: '/work/app.js', line: 3, column: 9 });
    assert.strictEqual(p1.kind, 'resolve');
    assert.strictEqual(p1.state, 'fulfilled');
    assert.deepStrictEqual(p1.value, { type: 'number', text: '1' });
    assert.deepStrictEqual(p1.reactions, [{ on: 'fulfil', handler: null, child: 2 }]);
    assert.strictEqual(p2.parent, 1);
    assert.strictEqual(p2.state, 'rejected');
    assert.strictEqual(p2.unhandled, true);
    assert.strictEqual(p2.settledIn, 3);
    assert.deepStrictEqual(
      trace.jobs.map((j) => [j.id, j.task, j.label]),
      [
        [1, 'script', 'main script'],
        [3, 'microtask', 'then handler'],
        [2, 'timer', 'setTimeout 0 ms'],
      ],
    );
    const micro = trace.jobs[1];
    // p2's reaction job entered the queue at `then` time, p1 having settled before.
    assert.strictEqual(micro.enqueuedAt, p2.createdAt);
    const timer = trace.jobs[2];
    assert.strictEqual(timer.enqueuedAt, trace.events.find((e) => e.type === 'enqueue')?.seq);
    const consoleEvent = trace.events.find((e) => e.type === 'console');
    assert.deepStrictEqual(consoleEvent, {
      seq: consoleEvent?.seq,
      type: 'console',
      stream: 'stdout',
      text: 'hello',
      task: 'script',
      job: 1,
      time: 20,
    });
    assert.deepStrictEqual(
      trace.events.map((e) => e.seq),
      trace.events.map((_, i) => i),
    );
    const settle = trace.events.find((e) => e.type === 'settle' && e.promise === 2);
    assert.deepStrictEqual(settle && settle.type === 'settle' ? settle.state : null, 'rejected');
    assert.deepStrictEqual(trace.exit, { code: 0, signal: null, reason: 'completed' });
    assert.strictEqual(trace.truncated, false);
  });

  it('adds what the streams carried past the recorded writes as outside console lines, where it came', () => {
    const consoleLines = (output: { stdout: string; stderr: string }): string[] =>
      parseRecording(sample, { ...run, output }).events.flatMap((e) =>
        e.type === 'console' ? [`${e.stream} ${e.outside ? 'outside' : e.task} ${e.text}`] : [],
      );
    assert.deepStrictEqual(consoleLines({ stdout: 'hello\n', stderr: '' }), ['stdout script hello']);
    assert.deepStrictEqual(
      consoleLines({ stdout: 'from a child\r\nhello\nafter\n', stderr: 'Error: boom\n    at x.js:1:1\n' }),
      [
        'stdout outside from a child',
        'stdout script hello',
        'stdout outside after',
        'stderr outside Error: boom',
        'stderr outside     at x.js:1:1',
      ],
    );
    const trace = parseRecording(sample, { ...run, output: { stdout: 'x\nhello\n', stderr: '' } });
    assert.deepStrictEqual(
      trace.events.map((e) => e.seq),
      trace.events.map((_, i) => i),
    );
    assert.deepStrictEqual(
      trace.events.find((e) => e.type === 'console'),
      { seq: 5, type: 'console', stream: 'stdout', text: 'x', task: 'other', job: null, time: 20, outside: true },
    );
  });

  it("marks a job Node's own code queued as internal even when it never ran, and the text leaves it out", () => {
    const words = [
      Op.JobStart,
      1,
      core.Task.script,
      0,
      0,
      -1,
      0,
      10,
      Op.Enqueue,
      2,
      core.Task.nextTick | core.INTERNAL_TASK,
      Op.Enqueue,
      3,
      core.Task.timer,
      Op.JobEnd,
      1,
      0,
      20,
    ];
    const trace = parseRecording(recording([{ words }]), run);
    const queued = trace.events.filter((e) => e.type === 'enqueue');
    assert.deepStrictEqual(
      queued.map((e) => [e.job, e.task, e.internal]),
      [
        [2, 'nextTick', true],
        [3, 'timer', undefined],
      ],
    );
    const text = traceToText(trace);
    assert.ok(!text.includes('queued nextTick #2') && text.includes('queued timer #3'), text);
    assert.ok(traceToText(trace, { internal: true }).includes('queued nextTick #2'));
  });

  it('reads reactions from derived promises by kind, and integer values', () => {
    const kinds = ['then', 'catch', 'finally', 'await'] as const;
    const words = [Op.Promise, 1, 0, core.KINDS.indexOf('new'), 0, 0];
    kinds.forEach((kind, i) => words.push(Op.Promise, i + 2, 1, core.KINDS.indexOf(kind), 0, 0));
    words.push(Op.Settle, 2, Op.Integer, 2, 1, -42, Op.Settle, 3, Op.Integer, 3, 2, 2147483647);
    const trace = parseRecording(recording([{ words }]), run);
    const byId = new Map(trace.promises.map((p) => [p.id, p]));
    assert.deepStrictEqual(byId.get(1)?.reactions, [
      { on: 'fulfil', handler: null, child: 2 },
      { on: 'reject', handler: null, child: 3 },
      { on: 'both', handler: null, child: 4 },
      { on: 'both', handler: null, child: 5 },
    ]);
    assert.deepStrictEqual([byId.get(2)?.state, byId.get(2)?.value], ['fulfilled', { type: 'number', text: '-42' }]);
    assert.deepStrictEqual(
      [byId.get(3)?.state, byId.get(3)?.value],
      ['rejected', { type: 'number', text: '2147483647' }],
    );
  });

  it("shows a promise of Node's the program reacts to, at the call that led to it or where it first reacted, and no hidden parent", () => {
    const internal = core.PromiseFlag.internal;
    const K = (kind: (typeof core.KINDS)[number]) => core.KINDS.indexOf(kind);
    // 1 Node's, 2 Node's from 1 (fetch's, made inside the program's call at 2:18), 3 the program's
    // await of 2; 4 Node's (no call of the program's known), 5 never reacted to; 6 the program's
    // Promise.all of 4.
    const words = [
      Op.Location,
      1,
      0,
      2,
      24,
      Op.Location,
      2,
      0,
      7,
      30,
      Op.Location,
      3,
      0,
      2,
      18,
      Op.Promise,
      1,
      0,
      K('new'),
      0,
      internal,
      Op.Promise,
      2,
      1,
      K('catch'),
      3,
      internal,
      Op.Promise,
      3,
      2,
      K('await'),
      1,
      0,
      Op.Promise,
      4,
      0,
      K('async'),
      0,
      internal,
      Op.Promise,
      5,
      0,
      K('async'),
      3,
      internal,
      Op.Promise,
      6,
      0,
      K('all'),
      2,
      0,
      Op.Input,
      6,
      4,
    ];
    const trace = parseRecording(recording([{ strings: ['/work/app.js'] }, { words }]), run);
    const shown = trace.promises
      .filter((p) => !p.internal)
      .map((p) => [p.id, p.kind, p.location && `${p.location.line}:${p.location.column}`]);
    assert.deepStrictEqual(shown, [
      [2, 'node', '2:18'],
      [3, 'await', '2:24'],
      [4, 'node', '7:30'],
      [6, 'all', '7:30'],
    ]);
    assert.strictEqual(trace.promises.find((p) => p.id === 5)?.location, null);
    assert.strictEqual(trace.promises.find((p) => p.id === 2)?.parent, 1);
    const text = traceToText(trace);
    assert.ok(text.includes('+ promise 2 node at app.js:2:18') && text.includes('+ promise 3 await from 2 at'), text);
    assert.ok(traceToText(trace, { internal: true }).includes('+ promise 2 node from 1 at'));
  });

  it("labels a job of Node's own promise as Node's, and a second job of a derived promise as a thenable's", () => {
    const internal = core.PromiseFlag.internal;
    const K = (kind: (typeof core.KINDS)[number]) => core.KINDS.indexOf(kind);
    const words = [
      Op.Promise,
      1,
      0,
      K('new'),
      0,
      internal,
      Op.Promise,
      2,
      1,
      K('then'),
      0,
      internal,
      Op.Promise,
      3,
      0,
      K('new'),
      0,
      0,
      Op.Promise,
      4,
      3,
      K('then'),
      0,
      0,
      Op.PromiseJob,
      1,
      2,
      0,
      10,
      Op.Settle,
      3,
      Op.JobEnd,
      1,
      0,
      20,
      Op.PromiseJob,
      2,
      4,
      0,
      30,
      Op.JobEnd,
      2,
      0,
      40,
      Op.PromiseJob,
      3,
      4,
      0,
      50,
      Op.JobEnd,
      3,
      0,
      60,
    ];
    const trace = parseRecording(recording([{ words }]), run);
    assert.deepStrictEqual(
      trace.jobs.map((j) => [j.id, j.label]),
      [
        [1, "Node's then handler"],
        [2, 'then handler'],
        [3, 'resolve with thenable'],
      ],
    );
  });

  it('gives an empty trace with the parent exit for a missing or empty recording', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-rec-'));
    try {
      const killed = { ...run, exit: { code: null, signal: 'SIGKILL', reason: 'timeout' as const } };
      const missing = readRecording(path.join(dir, 'none.bin'), killed);
      assert.deepStrictEqual([missing.promises, missing.jobs, missing.events], [[], [], []]);
      assert.deepStrictEqual(missing.exit, killed.exit);
      fs.writeFileSync(path.join(dir, 'empty.bin'), '');
      assert.strictEqual(readRecording(path.join(dir, 'empty.bin'), run).events.length, 0);
      fs.writeFileSync(path.join(dir, 'half-magic.bin'), core.MAGIC.slice(0, 3));
      assert.strictEqual(readRecording(path.join(dir, 'half-magic.bin'), run).events.length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every complete chunk of a recording cut short at any byte', () => {
    const full = parseRecording(sample, run);
    let previous = -1;
    for (let cut = 0; cut <= sample.length; cut++) {
      const trace = parseRecording(sample.subarray(0, cut), run);
      assert.ok(trace.events.length >= previous, `cut at ${cut} lost events`);
      previous = trace.events.length;
      assert.ok(trace.events.length <= full.events.length);
    }
    assert.strictEqual(previous, full.events.length);
  });

  it('throws a RecordingError, never anything else, on garbage', () => {
    const garbage: Buffer[] = [
      Buffer.from('hello world, not a recording'),
      Buffer.concat([Buffer.from(core.MAGIC), Buffer.from([0x58, 1, 0, 0, 0, 0])]),
      recording([{ words: [999, 1, 2] }]),
      recording([{ words: [Op.Promise, 1] }]),
      recording([{ words: [Op.JobStart, 1, 0, 0, 0, 7, 0, 0] }]),
      Buffer.concat([Buffer.from(core.MAGIC), Buffer.from([core.CHUNK_STRINGS, 3, 0, 0, 0]), Buffer.from('[1,')]),
      Buffer.concat([Buffer.from(core.MAGIC), Buffer.from([core.CHUNK_STRINGS, 3, 0, 0, 0]), Buffer.from('[1]')]),
      Buffer.concat([Buffer.from(core.MAGIC), Buffer.from([core.CHUNK_EVENTS, 3, 0, 0, 0]), Buffer.from('abc')]),
    ];
    for (const bytes of garbage) {
      assert.throws(() => parseRecording(bytes, run), RecordingError, bytes.toString('latin1').slice(0, 40));
    }
    // Random bytes after a valid header: a RecordingError or a partial trace, nothing else.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 200; n++) {
      const tail = Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      try {
        parseRecording(Buffer.concat([sample.subarray(0, Math.floor(random() * sample.length)), tail]), run);
      } catch (error) {
        assert.ok(error instanceof RecordingError, String(error));
      }
    }
  });

  it('merges the exit: the parent reason wins, else process.exit, a crash or the event cap', () => {
    const ending = (words: number[], strings: string[] = []) =>
      parseRecording(recording([{ strings }, { words }]), run).exit;
    assert.strictEqual(ending([Op.Exit, 3, 1]).reason, 'exit');
    assert.deepStrictEqual(ending([Op.Crash, 0, Op.Exit, 1, 2], ['TypeError: boom']), {
      code: 0,
      signal: null,
      reason: 'crashed',
      message: 'TypeError: boom',
    });
    const capped = parseRecording(recording([{ words: [Op.Truncated] }]), run);
    assert.strictEqual(capped.truncated, true);
    assert.strictEqual(capped.exit.reason, 'event-limit');
    const timedOut = parseRecording(recording([{ words: [Op.Exit, 3, 1] }]), {
      ...run,
      exit: { code: null, signal: 'SIGKILL', reason: 'timeout' },
    });
    assert.strictEqual(timedOut.exit.reason, 'timeout');
  });
});
