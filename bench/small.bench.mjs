// A learner's program from the command to the written trace, side by side in one run: plain node,
// `promise-lens trace` warm (TypeScript's code cache made), cold (an empty cache folder, as on a first
// run) and without the cache. Target (issue "Tracing at scale"): at most the plain run plus 0.3 s, warm.
//   node bench/small.bench.mjs [rounds]          (build first: node scripts/build.mjs)
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { median, needBuild, plainEnv, root, scratch, timeRun } from './sideBySide.mjs';

const rounds = Number(process.argv[2]) || 7;
const programs = ['examples/microtasks-before-timers.js', 'examples/all-vs-allSettled.js', 'examples/async-await.ts'];
needBuild();
const cli = join(root, 'dist/cli.js');
const work = scratch('pl-small-bench-');
const clean = plainEnv();
const warmCache = join(work, 'cache');
mkdirSync(warmCache);
const modes = {
  warm: () => ({ ...clean, PROMISE_LENS_CACHE_DIR: warmCache }),
  cold: () => ({ ...clean, PROMISE_LENS_CACHE_DIR: mkdtempSync(join(work, 'cold-')) }),
  'no cache': () => ({ ...clean, PROMISE_LENS_CACHE_DIR: '' }),
};
const trace = (program, env) => timeRun([cli, 'trace', program, '--out', join(work, 'out.pltrace')], env);

let worst = 0;
for (const relative of programs) {
  const program = join(root, relative);
  // TypeScript runs under the loader plain too, as the tracer runs it; the plain figure is node's own.
  const plainArgs = relative.endsWith('.ts') ? ['--require', join(root, 'dist/loader.js'), program] : [program];
  trace(program, modes.warm()); // makes the warm cache
  const times = { plain: [], warm: [], cold: [], 'no cache': [] };
  for (let r = 0; r < rounds; r++) {
    const plain = timeRun(plainArgs, clean);
    times.plain.push(plain.ms);
    for (const [mode, env] of Object.entries(modes)) {
      const traced = trace(program, env());
      if (traced.stdout !== plain.stdout) throw new Error(`${relative}: traced output differs from plain node`);
      times[mode].push(traced.ms);
    }
  }
  const plain = median(times.plain);
  console.log(`${relative} (median of ${rounds})`);
  for (const [mode, list] of Object.entries(times)) {
    const ms = median(list);
    const extra = mode === 'plain' ? '' : `  +${(ms - plain).toFixed(0)} ms over plain`;
    console.log(`  ${mode.padEnd(9)} ${ms.toFixed(0).padStart(5)} ms${extra}`);
  }
  worst = Math.max(worst, median(times.warm) - plain);
}
console.log(`warm trace over plain, worst program: +${worst.toFixed(0)} ms (target: at most +300 ms)`);
