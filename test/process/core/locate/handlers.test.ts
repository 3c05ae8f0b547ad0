import * as assert from 'node:assert/strict';
import { runTrace } from '../../../../src/core/run';
import { resolveHandlers } from '../../../../src/core/locate/handlers';
import type { SourceLocation, Trace, TraceJob, TracePromise } from '../../../../src/core/trace/model';
import { jsonFormat } from '../../../../src/core/trace/format/json';
import { decodeNative, encodeNative } from '../../../../src/core/trace/format/native';
import { at, distDir, tempFolder, testNode } from '../../../shared/runHelpers';

const place = (location: SourceLocation | null): string | null =>
  location ? `${location.line}:${location.column}` : null;

const PROGRAM = `function onFail(error) {
  console.log('failed', error.message);
}
const start = Promise.resolve(1);
start
  .then((v) => v + 1, onFail)
  .catch(function recover() { return 0; })
  .finally(() => console.log('done'));
setTimeout(() => {
  console.log('timer');
}, 5);
process.nextTick(function tick() { console.log('tick'); });
async function main() {
  const x = await start;
  return x;
}
main();
function shadowed(onFail) {
  return start.then(onFail);
}
shadowed((v) => v);
start.then(function returnsPromise() { return Promise.resolve('inner'); });
`;

describe('handler locations', function () {
  this.timeout(30_000);
  let trace: Trace;
  let user: TracePromise[];
  const folder = tempFolder();

  before(async () => {
    const file = folder.write('handlers.js', PROGRAM);
    trace = await runTrace({ file, distDir, node: await testNode() });
    user = trace.promises.filter((p) => !p.internal);
  });
  after(() => folder.remove());

  /** The promise of `kind` created on the line of `needle` (V8 reports `then` at its name, `catch` at its `(`). */
  const promiseAt = (kind: string, needle: string): TracePromise => {
    const line = Number(at(PROGRAM, needle).split(':')[0]);
    const found = user.find((p) => p.kind === kind && p.location?.line === line);
    assert.ok(found, `a ${kind} promise created on line ${line}`);
    return found;
  };
  const jobOf = (promise: TracePromise): TraceJob => {
    const job = trace.jobs.find((j) => j.promise === promise.id);
    assert.ok(job, `the job of promise #${promise.id}`);
    return job;
  };

  it('splits then(f, g) into a fulfil and a reject reaction, each at its handler', () => {
    const start = promiseAt('resolve', 'resolve(1)');
    const then = promiseAt('then', 'then((v)');
    const reactions = start.reactions.filter((r) => r.child === then.id);
    assert.deepEqual(
      reactions.map((r) => [r.on, place(r.handler)]),
      [
        ['fulfil', at(PROGRAM, '(v) => v + 1')],
        ['reject', at(PROGRAM, 'function onFail')],
      ],
    );
  });

  it('locates catch and finally handlers, written inline', () => {
    const then = promiseAt('then', 'then((v)');
    const caught = promiseAt('catch', 'catch(');
    assert.deepEqual(
      then.reactions.map((r) => [r.on, place(r.handler), r.child]),
      [['reject', at(PROGRAM, 'function recover'), caught.id]],
    );
    assert.deepEqual(
      caught.reactions.map((r) => [r.on, place(r.handler)]),
      [['both', at(PROGRAM, "() => console.log('done')")]],
    );
  });

  it('gives an await the place it resumes at', () => {
    const awaited = promiseAt('await', 'await start');
    const start = promiseAt('resolve', 'resolve(1)');
    const reaction = start.reactions.find((r) => r.child === awaited.id);
    assert.equal(place(reaction?.handler ?? null), place(awaited.location));
    assert.equal(place(jobOf(awaited).location), place(awaited.location));
  });

  it('runs a promise job at the handler its parent settled into, and none for a pass-through', () => {
    assert.equal(place(jobOf(promiseAt('then', 'then((v)')).location), at(PROGRAM, '(v) => v + 1'));
    // The then fulfilled, so catch's handler never ran: its job only passed the value on.
    assert.equal(jobOf(promiseAt('catch', 'catch(')).location, null);
    assert.equal(place(jobOf(promiseAt('finally', 'finally(')).location), at(PROGRAM, "() => console.log('done')"));
  });

  it('runs a handler that returned a promise once, then a job that resolves with it, at no handler', () => {
    const then = promiseAt('then', 'then(function returnsPromise');
    const jobs = trace.jobs.filter((j) => j.promise === then.id);
    assert.deepEqual(
      jobs.map((j) => [j.label, place(j.location)]),
      [
        ['then handler', at(PROGRAM, 'function returnsPromise')],
        ['resolve with thenable', null],
      ],
    );
  });

  it('locates timer and nextTick callbacks instead of the place they were scheduled', () => {
    const timer = trace.jobs.find((j) => j.task === 'timer');
    assert.equal(place(timer?.location ?? null), at(PROGRAM, "() => {\n  console.log('timer')"));
    const tick = trace.jobs.find((j) => j.task === 'nextTick' && j.location !== null);
    assert.equal(place(tick?.location ?? null), at(PROGRAM, 'function tick'));
  });

  it('leaves a handler unlocated when its name is a parameter', () => {
    const then = promiseAt('then', 'then(onFail)');
    const start = promiseAt('resolve', 'resolve(1)');
    const reaction = start.reactions.find((r) => r.child === then.id);
    assert.ok(reaction, 'the reaction is recorded');
    assert.equal(reaction.handler, null);
  });
});

describe('handler locations in TypeScript and unsaved text', function () {
  this.timeout(60_000);
  const folder = tempFolder();
  after(() => folder.remove());

  it('reads the .ts source at the places the source maps give', async () => {
    // Types and an interface move every line of the JS that runs; the handler is found in the .ts.
    const source = `interface Order {\n  id: number;\n}\nconst order: Promise<Order> = Promise.resolve({ id: 1 });\norder.then((o: Order): number => o.id);\n`;
    const file = folder.write('typed.ts', source);
    const trace = await runTrace({ file, distDir, node: await testNode() });
    const start = trace.promises.find((p) => !p.internal && p.kind === 'resolve');
    assert.ok(start, 'the Promise.resolve');
    assert.deepEqual(
      start.reactions.map((r) => [r.on, r.handler?.file, place(r.handler)]),
      [['fulfil', file, at(source, '(o: Order)')]],
    );
  });

  it('reads the text that ran, not what is on disk', async () => {
    const file = folder.write('edited.js', '// saved: nothing here yet\n');
    const text = `Promise.resolve(1).then(\n  (v) => v,\n);\n`;
    const trace = await runTrace({ file, text, distDir, node: await testNode() });
    const start = trace.promises.find((p) => !p.internal && p.kind === 'resolve');
    assert.deepEqual(
      start?.reactions.map((r) => place(r.handler)),
      [at(text, '(v) => v')],
    );
  });
});

describe('handler locations from a source that cannot be read', () => {
  it('keeps what the runtime recorded', () => {
    const location = { file: '/nowhere/gone.js', line: 2, column: 3 };
    const trace: Trace = {
      version: 1,
      file: location.file,
      node: 'v20.0.0',
      startedAt: '',
      durationMs: 1,
      promises: [
        {
          id: 1,
          kind: 'resolve',
          parent: null,
          inputs: [],
          location,
          state: 'fulfilled',
          value: null,
          createdAt: 0,
          settledAt: 0,
          settledIn: 1,
          reactions: [{ on: 'fulfil', handler: null, child: 2 }],
          internal: false,
        },
        {
          id: 2,
          kind: 'then',
          parent: 1,
          inputs: [],
          location,
          state: 'fulfilled',
          value: null,
          createdAt: 1,
          settledAt: 2,
          settledIn: 2,
          reactions: [],
          internal: false,
        },
      ],
      jobs: [],
      events: [],
      exit: { code: 0, signal: null, reason: 'completed' },
      truncated: false,
    };
    resolveHandlers(trace, () => undefined);
    assert.deepEqual(trace.promises[0].reactions, [{ on: 'fulfil', handler: null, child: 2 }]);
  });
});

const SKIPS = `const ok = Promise.resolve('v');
const bad = Promise.reject(new Error('no'));
ok.then((v) => v).catch(function never() { return 'x'; }).then(function after(v) { console.log('after', v); });
bad.then(function notRun(v) { return v; }).catch(function handled(e) { console.log('caught', e.message); });
ok.then(null, function onlyReject() {});
bad.then(function f() {}, function g() {});
bad.catch().catch(function last() {});
ok.then(2).then(function afterLiteral(v) {});
bad.then(...[function spreadF() {}]).catch(function spreadCatch() {});
`;

describe('skipped reactions', function () {
  this.timeout(30_000);
  let trace: Trace;
  const folder = tempFolder();

  before(async () => {
    const file = folder.write('skips.js', SKIPS);
    trace = await runTrace({ file, distDir, node: await testNode() });
  });
  after(() => folder.remove());

  /** The job of the `nth` promise of `kind` whose call is at `needle`. */
  const jobAt = (kind: string, needle: string, nth = 0): TraceJob => {
    const [line, column] = at(SKIPS, needle, nth).split(':').map(Number);
    const promise = trace.promises.find(
      (p) => !p.internal && p.kind === kind && p.location?.line === line && p.location.column === column,
    );
    assert.ok(
      promise,
      `a ${kind} promise at ${line}:${column}: ${JSON.stringify(trace.promises.filter((p) => !p.internal).map((p) => [p.kind, place(p.location)]))}`,
    );
    const job = trace.jobs.find((j) => j.promise === promise.id);
    assert.ok(job, `the job of promise #${promise.id}`);
    return job;
  };
  const skipped = (job: TraceJob, kind: string, state: string, what: string): void => {
    assert.equal(job.passThrough, true, job.label);
    assert.equal(job.location, null);
    assert.equal(job.label, `.${kind} skipped: the chain ${state}, ${what} passed on to #${job.promise}`);
  };

  it('shows a .catch on a chain that fulfilled as skipped, with no handler', () => {
    skipped(jobAt('catch', '(function never'), 'catch', 'fulfilled', 'value');
    assert.equal(place(jobAt('then', 'then(function after').location), at(SKIPS, 'function after'));
  });

  it('shows a .then without a rejection handler on a chain that rejected as skipped', () => {
    skipped(jobAt('then', 'then(function notRun'), 'then', 'rejected', 'reason');
    const handled = jobAt('catch', '(function handled');
    assert.equal(handled.passThrough, undefined);
    assert.equal(place(handled.location), at(SKIPS, 'function handled'));
  });

  it('reads which lists the call filled: then(null, g) skips on fulfil, then(f, g) runs g on reject, catch() skips both', () => {
    skipped(jobAt('then', 'then(null'), 'then', 'fulfilled', 'value');
    const both = jobAt('then', 'then(function f()');
    assert.equal(both.passThrough, undefined);
    assert.equal(place(both.location), at(SKIPS, 'function g'));
    skipped(jobAt('catch', '().catch'), 'catch', 'rejected', 'reason');
  });

  it('takes a literal that is no function as no handler, and claims nothing past a spread', () => {
    skipped(jobAt('then', 'then(2)'), 'then', 'fulfilled', 'value');
    assert.equal(place(jobAt('then', 'then(function afterLiteral').location), at(SKIPS, 'function afterLiteral'));
    // `then(...list)`: the source does not say which list the spread filled, so no skip is claimed.
    assert.equal(jobAt('then', 'then(...').passThrough, undefined);
  });

  it('keeps passThrough in the JSON and native formats', () => {
    const job = jobAt('catch', '(function never');
    const fromJson = JSON.parse(jsonFormat.write(trace) as string) as Trace;
    assert.equal(fromJson.jobs.find((j) => j.id === job.id)?.passThrough, true);
    const fromNative = decodeNative(encodeNative(trace));
    assert.deepEqual(
      fromNative.jobs.find((j) => j.id === job.id),
      job,
    );
  });
});
