/**
 * The page's way to a layout on real traces: the native format decoded lazily (rows made when read) and
 * laid out from its columns gives what the trace's own objects give, and the steps of `stepsOf`.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import { layoutTrace } from '../../../../src/core/timeline/layout';
import { describeEvent } from '../../../../src/core/timeline/describe';
import { loopModelAt } from '../../../../src/core/timeline/loopModel';
import { decodeNative, encodeNative } from '../../../../src/core/trace/format/native';
import { decodeNativeLazy } from '../../../../src/core/trace/format/nativeLazy';
import { stepsOf } from '../../../../src/core/trace/steps';
import type { Trace } from '../../../../src/core/trace/model';
import { distDir, root, testNode } from '../../../shared/runHelpers';
import { plainLayout } from '../../../unit/core/timeline/fixture';

// Awaits and their wrappers, combinators, Node's own promises and jobs (module loading, fs/promises),
// thenables, unhandled rejections, odd values, I/O, timers and immediates.
const PROGRAMS = [
  'await-values.js',
  'combinators.js',
  'async-iterator.js',
  'io-timers-immediates.js',
  'module-start.mjs',
  'node-api-promises.mjs',
  'resolve-thenable.js',
  'unhandled-rejection.js',
  'hostile-values.js',
  'skipped-reactions.js',
];

describe('the timeline page lays out real traces from the lazily decoded native format', function () {
  this.timeout(120_000);
  // What the programs exercised, over all of them: hidden internal events, grouped awaits, fan-in.
  const seen = { hiddenSteps: 0, groupedAwaits: 0, combinators: 0 };
  after(() => {
    assert.ok(seen.hiddenSteps > 0, "some trace has events of Node's own");
    assert.ok(seen.groupedAwaits > 0, 'some trace has awaits drawn on their function');
    assert.ok(seen.combinators > 0, 'some trace has a combinator');
  });
  for (const program of PROGRAMS) {
    it(program, async () => {
      const trace: Trace = await runTrace({
        file: join(root, 'test/golden/traces', program),
        distDir,
        node: await testNode(),
      });
      const bytes = encodeNative(trace);
      const lazy = decodeNativeLazy(bytes);
      for (const internals of [false, true]) {
        const fromRows = layoutTrace(trace, { internals });
        const fromColumns = layoutTrace(lazy, { internals });
        const steps = stepsOf(trace, { internals });
        if (!internals) seen.hiddenSteps += trace.events.length - steps.count;
        seen.groupedAwaits += fromColumns.awaitOwner.size;
        seen.combinators += trace.promises.filter((p) => p.inputs.length > 0).length;
        assert.equal(fromColumns.steps, steps.count);
        assert.deepEqual([...fromColumns.trace.events], steps.trace.events);
        assert.deepEqual(plainLayout(fromColumns), plainLayout(fromRows), `internals ${internals}`);
        for (let s = 0; s < fromColumns.steps; s++) {
          assert.equal(describeEvent(fromColumns.trace, s, fromColumns.promiseIndex), describeEvent(steps.trace, s));
          assert.deepEqual(loopModelAt(fromColumns, s), loopModelAt(fromRows, s), `step ${s}`);
        }
      }
      assert.deepEqual(
        { ...lazy, promises: [...lazy.promises], jobs: [...lazy.jobs], events: [...lazy.events] },
        decodeNative(bytes),
      );
    });
  }
});
