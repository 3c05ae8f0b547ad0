// The tracer on I/O, printed side by side in one run: bench/trace-io-load.cjs (3,000 fs/promises
// reads, most of whose promises are Node's own) plain and under the preloaded runtime. No target: it
// shows what tracing costs a program whose promises are mostly Node's.
//   node bench/trace-io.bench.mjs [rounds]          (build first: node scripts/build.mjs)
import { join } from 'node:path';
import { median, needBuild, plainEnv, register, root, scratch, timeRun } from './sideBySide.mjs';

const program = join(root, 'bench/trace-io-load.cjs');
const rounds = Number(process.argv[2]) || 5;
needBuild();
const work = scratch('pl-trace-io-bench-');
const clean = plainEnv();
const env = { ...clean, PROMISE_LENS_OUT: join(work, 'recording.bin') };

const plain = [];
const traced = [];
for (let r = 0; r < rounds; r++) {
  const p = timeRun([program], clean);
  const t = timeRun(['--expose-internals', '--require', register, program], env);
  if (p.stdout !== t.stdout) throw new Error(`traced output differs: ${t.stdout} vs ${p.stdout}`);
  plain.push(p.ms);
  traced.push(t.ms);
}
const p = median(plain);
const t = median(traced);
console.log(`plain   ${p.toFixed(0)} ms (median of ${rounds})`);
console.log(`traced  ${t.toFixed(0)} ms (median of ${rounds})`);
console.log(`ratio   ${(t / p).toFixed(2)}x`);
