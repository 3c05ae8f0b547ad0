// The tracer on I/O, printed side by side in one run: bench/trace-io-load.cjs (3,000 fs/promises
// reads, most of whose promises are Node's own) plain and under the preloaded runtime. No target: it
// shows what tracing costs a program whose promises are mostly Node's.
//   node bench/trace-io.bench.mjs [rounds]          (build first: node scripts/build.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const register = join(root, 'dist/register.js');
const program = join(root, 'bench/trace-io-load.cjs');
const rounds = Number(process.argv[2]) || 5;
if (!existsSync(register)) {
  console.error('build first: node scripts/build.mjs');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'pl-trace-io-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, PROMISE_LENS_OUT: join(work, 'recording.bin') };
const clean = { ...process.env };
delete clean.PROMISE_LENS_OUT;

function time(args, runEnv) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: runEnv, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr.slice(-2000)}`);
  return { ms, stdout: result.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = [];
const traced = [];
for (let r = 0; r < rounds; r++) {
  const p = time([program], clean);
  const t = time(['--expose-internals', '--require', register, program], env);
  if (p.stdout !== t.stdout) throw new Error(`traced output differs: ${t.stdout} vs ${p.stdout}`);
  plain.push(p.ms);
  traced.push(t.ms);
}
const p = median(plain);
const t = median(traced);
console.log(`plain   ${p.toFixed(0)} ms (median of ${rounds})`);
console.log(`traced  ${t.toFixed(0)} ms (median of ${rounds})`);
console.log(`ratio   ${(t / p).toFixed(2)}x`);
