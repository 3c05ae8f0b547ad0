// The extension's registry of running traces, without VS Code: disposing it (deactivate, reload)
// must kill every program still being traced.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import { TraceRuns } from '../../../../src/host/tracing/runs';
import { untitledDir } from '../../../../src/host/tracing/untitledFiles';
import { distDir, livingInGroup, tempFolder, testNode } from '../../../shared/runHelpers';

describe('running traces on deactivate', function () {
  this.timeout(30_000);

  it('kills every running program when disposed, and forgets finished ones', async () => {
    const folder = tempFolder();
    const runs = new TraceRuns();
    try {
      const file = folder.write('server.js', "console.log('up'); setInterval(() => {}, 1000);\n");
      const pids: number[] = [];
      let up = 0;
      let allUp: () => void;
      const started = new Promise<void>((resolve) => (allUp = resolve));
      const traces = [1, 2].map(async () => {
        const run = runs.start();
        try {
          return await runTrace({
            file,
            distDir,
            node: await testNode(),
            timeoutMs: 20_000,
            signal: run.signal,
            onSpawn: (pid) => pids.push(pid),
            onOutput: () => ++up === 2 && allUp(),
          });
        } finally {
          run.done();
        }
      });
      await started;
      assert.equal(runs.size, 2);
      runs.dispose();
      for (const trace of await Promise.all(traces)) assert.equal(trace.exit.reason, 'cancelled');
      for (const pid of pids) assert.deepEqual(livingInGroup(pid), []);
      assert.equal(runs.size, 0);
    } finally {
      runs.dispose();
      folder.remove();
    }
  });
});

describe('untitled editors on deactivate', () => {
  it('removes the files their text was written to', () => {
    const file = join(untitledDir(), 'Untitled-1.cjs');
    mkdirSync(untitledDir(), { recursive: true });
    writeFileSync(file, "console.log('x');\n");
    new TraceRuns().dispose();
    assert.equal(existsSync(untitledDir()), false);
  });
});
