import * as assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BadTraceFile,
  formats,
  loadTrace,
  parseTrace,
  summarize,
  traceToChrome,
  traceToText,
} from '../../../../../src/core/trace/format';
import { decodeNative, encodeNative } from '../../../../../src/core/trace/format/native';
import { fixtureTrace } from './fixture';
import { tempFolder } from '../../../../shared/runHelpers';
import { layoutTrace } from '../../../../../src/core/timeline/layout';
import { stepNumber } from '../../../../../src/core/trace/steps';
import { withCommas } from '../../../../../src/core/trace/format/summary';

function roundTrip(format: string, trace = fixtureTrace()) {
  const folder = tempFolder();
  try {
    const path = join(folder.dir, `trace${formats[format].extension}`);
    writeFileSync(path, formats[format].write(trace));
    return loadTrace(path);
  } finally {
    folder.remove();
  }
}

describe('trace formats', () => {
  it('keeps the formats a table, with native as the default', () => {
    assert.deepEqual(Object.keys(formats).sort(), ['chrome', 'html', 'json', 'native', 'text']);
    for (const [name, format] of Object.entries(formats)) {
      assert.ok(format.description.length > 0, name);
      assert.match(format.extension, /^\.\w+$/);
    }
  });

  it('json: one versioned document that loadTrace reads back whole', () => {
    const text = formats.json.write(fixtureTrace());
    assert.equal(text.trimEnd().split('\n').length, 1, 'one line, one document');
    const document = JSON.parse(text);
    assert.equal(document.version, 1);
    assert.deepEqual(document.events[6], {
      seq: 6,
      type: 'console',
      stream: 'stdout',
      text: 'script end',
      task: 'script',
      job: 0,
      time: 850,
    });
    assert.deepEqual(roundTrip('json'), fixtureTrace());
  });

  it('native: loadTrace reads back exactly the trace, optional fields and nulls included', () => {
    const loaded = roundTrip('native');
    assert.deepEqual(loaded, fixtureTrace());
    assert.equal('unhandled' in loaded.promises[0], false, 'an absent optional field stays absent');
    assert.equal(loaded.promises[1].unhandled, true);
    assert.equal('time' in loaded.events[1], false);
  });

  it("native and JSON: carry a value's tree as it is", () => {
    const trace = fixtureTrace();
    trace.promises[0].value = {
      type: 'array',
      text: "[ { status: 'rejected', reason: Error: down } ]",
      tree: {
        type: 'array',
        text: "[ { status: 'rejected', reason: Error: down } ]",
        label: '',
        children: [
          {
            type: 'object',
            key: '0',
            text: "{ status: 'rejected', reason: Error: down }",
            label: '',
            children: [{ type: 'error', key: 'reason', text: 'Error: down' }],
            more: 1,
          },
        ],
      },
    };
    assert.deepEqual(decodeNative(encodeNative(trace)), trace);
    assert.deepEqual(JSON.parse(formats.json.write(trace)).promises[0].value, trace.promises[0].value);
  });

  it('native: carries fields the model gains later', () => {
    const trace = fixtureTrace();
    (trace.promises[0] as unknown as Record<string, unknown>).label = 'first';
    (trace.events[0] as unknown as Record<string, unknown>).extra = { nested: [1, 2] };
    assert.deepEqual(decodeNative(encodeNative(trace)), trace);
  });

  it('native: is much smaller than JSON on a large trace, and loads at least as fast', () => {
    const trace = fixtureTrace();
    const n = 20_000;
    trace.events = [];
    trace.jobs = [];
    trace.promises = [];
    for (let i = 0; i < n; i++) {
      trace.promises.push({
        id: i,
        kind: 'then',
        parent: i > 0 ? i - 1 : null,
        inputs: [],
        location: { file: '/work/app/main.js', line: 10 + (i % 50), column: 3 },
        state: 'fulfilled',
        value: { type: 'number', text: String(i) },
        createdAt: 3 * i,
        settledAt: 3 * i + 1,
        settledIn: i,
        reactions: [],
        internal: false,
      });
      trace.jobs.push({
        id: i,
        task: 'microtask',
        enqueuedAt: 3 * i + 1,
        startedAt: 3 * i + 2,
        endedAt: 3 * i + 2,
        promise: i,
        location: null,
        label: 'then handler',
      });
      trace.events.push(
        { seq: 3 * i, type: 'promise', promise: i },
        { seq: 3 * i + 1, type: 'settle', promise: i, state: 'fulfilled' },
      );
      trace.events.push({ seq: 3 * i + 2, type: 'job-start', job: i, task: 'microtask', time: i });
    }
    const native = encodeNative(trace);
    const json = JSON.stringify(trace);
    assert.ok(native.length * 2 < json.length, `native ${native.length} bytes vs JSON ${json.length}`);
    assert.deepEqual(decodeNative(native), trace);
    // The best of interleaved runs, so that other work on the machine weighs on both alike.
    let nativeMs = Infinity;
    let jsonMs = Infinity;
    for (let r = 0; r < 5; r++) {
      let t0 = performance.now();
      decodeNative(native);
      nativeMs = Math.min(nativeMs, performance.now() - t0);
      t0 = performance.now();
      JSON.parse(json);
      jsonMs = Math.min(jsonMs, performance.now() - t0);
    }
    assert.ok(nativeMs < jsonMs * 1.5, `native ${nativeMs.toFixed(0)} ms vs JSON ${jsonMs.toFixed(0)} ms`);
  });

  it('loadTrace names what is wrong with a file that is not a trace', () => {
    const folder = tempFolder();
    try {
      const check = (name: string, text: string, why: RegExp) =>
        assert.throws(
          () => loadTrace(folder.write(name, text)),
          (error: Error) => error instanceof BadTraceFile && why.test(error.message),
        );
      check('a.txt', 'hello', /neither the native format/);
      check('e.pltrace', 'PLTRACE 2\n\x05{"ve', /ends early|JSON/);
      check('b.json', '{"version": 1}', /no promises list/);
      check('c.json', '{"version": 9, "promises": [], "jobs": [], "events": []}', /version 9 is newer/);
      check('d.pltrace', 'PLTRACE 1\n{"header": ', /JSON/);
      assert.throws(() => loadTrace(join(folder.dir, 'missing.pltrace')), /ENOENT/);
    } finally {
      folder.remove();
    }
    // More JSON than one string holds (untouched zero pages: no memory is used): says so, and what opens.
    const huge = new Uint8Array(constants.MAX_STRING_LENGTH + 1);
    huge[0] = '{'.charCodeAt(0);
    assert.throws(
      () => parseTrace(huge, 'big.json'),
      (error: Error) =>
        error instanceof BadTraceFile &&
        /512 MB of JSON is more text than one string holds.*native/.test(error.message),
    );
  });

  it('chrome: Trace Event format with jobs as complete events, console as instants, promises as async slices', () => {
    const chrome = traceToChrome(fixtureTrace());
    assert.equal(chrome.displayTimeUnit, 'ms');
    const parsed = JSON.parse(formats.chrome.write(fixtureTrace()));
    assert.ok(Array.isArray(parsed.traceEvents));
    for (const event of chrome.traceEvents) {
      assert.match(event.ph, /^[XibeM]$/);
      assert.equal(typeof event.pid, 'number');
      assert.equal(typeof event.tid, 'number');
      if (event.ph !== 'M') assert.equal(typeof event.ts, 'number', JSON.stringify(event));
    }
    const jobs = chrome.traceEvents.filter((e) => e.ph === 'X');
    assert.deepEqual(
      jobs.map((e) => e.cat),
      ['script', 'nextTick', 'timer', 'microtask'],
    );
    const script = jobs[0];
    assert.deepEqual([script.ts, script.dur, script.name], [0, 900, 'main']);
    const nextTick = jobs[1];
    assert.deepEqual([nextTick.ts, nextTick.dur], [1000, 100.5]);
    const consoleLines = chrome.traceEvents.filter((e) => e.ph === 'i');
    assert.deepEqual(
      consoleLines.map((e) => [e.ts, e.args?.task, e.args?.outside]),
      [
        [850, 'script', undefined],
        [1250, 'microtask', undefined],
        [5100, 'timer', undefined],
        [5100, 'other', true],
      ],
    );
    const begins = chrome.traceEvents.filter((e) => e.ph === 'b');
    const ends = chrome.traceEvents.filter((e) => e.ph === 'e');
    assert.deepEqual(
      begins.map((e) => e.id),
      ['p1', 'p2', 'p3'],
      'internal promise 4 left out',
    );
    assert.deepEqual(
      ends.map((e) => e.id),
      ['p1', 'p2', 'p3'],
    );
    assert.equal(ends[1].ts, 1000, 'promise 2 settled at seq 9, in the job that started at 1000 µs');
  });

  it('writes counts as en-US does, with commas between thousands', () => {
    for (const count of [0, 7, 999, 1000, 1024, 999_999, 1_234_567, 12_345_678_901])
      assert.equal(withCommas(count), count.toLocaleString('en-US'));
  });

  it('text: a timeline with jobs, console lines, promises and the summary', () => {
    const text = traceToText(fixtureTrace());
    const lines = text.split('\n');
    assert.equal(lines[0], 'Promise Lens trace of /work/app/main.js');
    assert.ok(
      lines.some((l) => /0\.000 ms {3}1 {2}▶ script #0 main at main\.js:1:1/.test(l)),
      text,
    );
    assert.ok(
      lines.some((l) => /▶ microtask #3 then handler \(promise 2\) at main\.js:3:26/.test(l)),
      text,
    );
    assert.ok(lines.includes('             7    | script end'), text);
    assert.ok(lines.includes('            13    ! warning: two'), text);
    assert.ok(lines.includes('                    lines'), text);
    assert.ok(lines.includes('   outside  18    ! from a child process'), text);
    assert.ok(
      lines.some((l) => l.includes('+ promise 3 all of [1, 2] at lib.js:10:5')),
      text,
    );
    assert.ok(
      lines.some((l) => l.includes('✗ promise 2 rejected: Error: no <b>markup</b> & "quotes"…')),
      text,
    );
    assert.ok(
      lines.some((l) => l.includes('→ queued timer #2 setTimeout 0 ms')),
      text,
    );
    assert.ok(
      lines.some((l) => l.includes('! unhandled rejection of promise 2')),
      text,
    );
    assert.ok(!text.includes('promise 4'), 'internal promises are hidden by default');
    const internal = fixtureTrace();
    internal.promises[0].internal = true;
    assert.ok(!traceToText(internal).includes('+ promise 1 '));
    assert.ok(traceToText(internal, { internal: true }).includes('+ promise 1 resolve at main.js:3:1'));
    // A trace is stepped once (`stepsOf` keeps its steps): a changed one is a new trace.
    const internalJob = fixtureTrace();
    internalJob.promises[0].internal = true;
    internalJob.jobs[1].internal = true;
    assert.ok(!traceToText(internalJob).includes('nextTick #1'), 'internal jobs are hidden too');
    assert.ok(traceToText(internalJob, { internal: true }).includes('▶ nextTick #1'));
    assert.equal(summarize(internalJob).jobs, 3);
    assert.equal(summarize(internalJob).internalJobs, 1);
    assert.ok(text.includes('Still pending at the end: promise 3 at lib.js:10:5'), text);
    assert.match(
      lines[lines.length - 2],
      /^3 promises \(\+1 internal\), 4 jobs \(1 script, 1 nextTick, 1 microtask, 1 timer\), 18 steps, 4 console lines; 12\.5 ms, crashed, exit code 1: Error: late failure$/,
    );
  });

  it('text: counts many pending promises by the place that made them, naming a few of each', () => {
    const trace = fixtureTrace();
    const template = trace.promises[2];
    const at = (line: number) => ({ ...template.location!, line });
    for (let i = 0; i < 1203; i++)
      trace.promises.push({ ...template, id: 100 + i, location: at(i % 3 === 0 ? 20 : 30), state: 'pending' });
    const text = traceToText(trace);
    const start = text.indexOf('Still pending at the end');
    assert.deepEqual(text.slice(start).split('\n').slice(0, 4), [
      'Still pending at the end: 1,204 promises',
      '  1 at lib.js:10:5: promise 3',
      '  401 at lib.js:20:5: promises 100, 103, 106, 109, 112 and 396 more',
      '  802 at lib.js:30:5: promises 101, 102, 104, 105, 107 and 797 more',
    ]);
    const scattered = fixtureTrace();
    for (let i = 0; i < 15; i++)
      scattered.promises.push({ ...template, id: 100 + i, location: at(100 + i), state: 'pending' });
    const lines = traceToText(scattered).split('\n');
    const first = lines.indexOf('Still pending at the end: 16 promises');
    assert.equal(lines[first + 10], '  1 at lib.js:108:5: promise 108');
    assert.equal(lines[first + 11], '  and 6 more at 6 other places');
  });

  it('text: numbers every line with the step the timeline shows it at', () => {
    for (const internals of [false, true]) {
      const trace = fixtureTrace();
      trace.jobs[1].internal = true;
      const layout = layoutTrace(trace, { internals });
      const text = traceToText(trace, { internal: internals });
      const numbered = text.split('\n').flatMap((line) => {
        const m = /^ {0,3}[\d.]* (?:ms|)\s+(\d+) {2}▶ \S+ #(\d+)/.exec(line);
        return m ? [[Number(m[1]), Number(m[2])]] : [];
      });
      assert.equal(numbered.length, layout.jobsByStart.length, text);
      for (const [step, job] of numbered)
        assert.equal(
          step,
          stepNumber(layout.jobStart[layout.jobIndex.get(job)!]),
          `job #${job}, internals ${internals}`,
        );
    }
  });

  it('text: stops after maxLines, saying how many events are left, and still gives the summary', () => {
    const text = traceToText(fixtureTrace(), { maxLines: 6 });
    assert.match(text, /… \d+ more steps \(`promise-lens trace --format text` prints them all\)/);
    assert.ok(!text.includes('in the timer'));
    assert.match(text, /3 promises \(\+1 internal\), 4 jobs/);
  });

  it('summarize counts what the user sees', () => {
    const s = summarize(fixtureTrace());
    assert.equal(s.promises, 3);
    assert.equal(s.internalPromises, 1);
    assert.equal(s.jobs, 4);
    assert.equal(s.jobsByTask.microtask, 1);
    assert.equal(s.jobsByTask.immediate, 0);
    assert.equal(s.consoleLines, 4);
  });
});
