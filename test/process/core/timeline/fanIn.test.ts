/**
 * What each input meant to its combinator (core/timeline/queues.ts `fanIn`) on real traces: a
 * combinator hears of its inputs in the jobs of the `then`s V8 attaches to them, in the order it
 * attached them, which need not be the order the inputs settled in.
 */
import * as assert from 'node:assert/strict';
import { runTrace } from '../../../../src/core/run';
import { layoutTrace } from '../../../../src/core/timeline/layout';
import { fanIn } from '../../../../src/core/timeline/queues';
import type { Trace } from '../../../../src/core/trace/model';
import { distDir, tempFolder, testNode } from '../../../shared/runHelpers';

// `late` settles after `early`, yet it is the first input: its result reaches race and all first.
const PROGRAM = `const early = Promise.reject(new Error('early'));
const late = Promise.reject(new Error('late'));
const pending = new Promise((resolve) => setTimeout(resolve, 5));
Promise.race([late, early, pending]).catch((e) => console.log('race:', e.message));
Promise.all([late, early, pending]).catch((e) => console.log('all:', e.message));
Promise.allSettled([late, early, pending]).then((r) => console.log('allSettled:', r.length));
`;

describe('combinator inputs on the timeline (fanIn) follow the jobs that reached the combinator', function () {
  this.timeout(30_000);
  const folder = tempFolder();
  let trace: Trace;

  before(async () => {
    trace = await runTrace({ file: folder.write('race.js', PROGRAM), distDir, node: await testNode() });
  });
  after(() => folder.remove());

  it('counts every input of allSettled, the last one included, and marks none deciding', () => {
    const layout = layoutTrace(trace);
    const combinator = trace.promises.find((p) => p.kind === 'allSettled' && !p.internal);
    assert.ok(combinator, 'an allSettled promise');
    assert.deepEqual(
      fanIn(layout, combinator).map((r) => r.role),
      ['counted', 'counted', 'counted'],
    );
  });

  for (const kind of ['race', 'all'] as const) {
    it(`marks the input whose result reached ${kind} first as deciding it, not the one that settled first`, () => {
      const layout = layoutTrace(trace);
      const combinator = trace.promises.find((p) => p.kind === kind && !p.internal);
      assert.ok(combinator, `a ${kind} promise`);
      const [late, early, pending] = combinator.inputs;
      const roles = Object.fromEntries(fanIn(layout, combinator).map((r) => [trace.promises[r.input].id, r.role]));
      assert.deepEqual(roles, { [late]: 'decided', [early]: 'ignored', [pending]: 'ignored' });
      assert.ok(trace.events.some((e) => e.type === 'console' && e.text === `${kind}: late`));
    });
  }
});
