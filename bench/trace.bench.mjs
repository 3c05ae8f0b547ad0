// The tracer's cost, printed side by side in one run: the same promise-heavy program (over a million
// promises) plain and under the preloaded runtime with full recording, every promise located.
// Figures: median wall time of each, their ratio (target ≤ 2.0×), bytes per recorded event, and the
// time from the command to the first recorded event.
//   node bench/trace.bench.mjs [rounds]          (build first: node scripts/build.mjs)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { median, needBuild, plainEnv, register, root, scratch, timeRun } from './sideBySide.mjs';

const program = join(root, 'bench/trace-load.js');
const rounds = Number(process.argv[2]) || 3;
needBuild();
const work = scratch('pl-trace-bench-');

// readRecording and the native format's writer, bundled from the sources to count the events and size the trace.
const reader = join(work, 'reader.cjs');
await esbuild.build({
  stdin: {
    contents: `export { readRecording } from './src/core/trace/recording';
               export { encodeNative } from './src/core/trace/format/native';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: reader,
  logLevel: 'warning',
});
const { readRecording, encodeNative } = createRequire(import.meta.url)(reader);

const out = join(work, 'recording.bin');
const clean = plainEnv();
const tracedEnv = { ...clean, PROMISE_LENS_OUT: out, PROMISE_LENS_MAX_EVENTS: String(50_000_000) };

const plain = [];
const traced = [];
let plainOut = '';
let tracedOut = '';
for (let r = 0; r < rounds; r++) {
  const p = timeRun([program], clean);
  const t = timeRun(['--expose-internals', '--require', register, program], tracedEnv);
  plain.push(p.ms);
  traced.push(t.ms);
  plainOut = p.stdout;
  tracedOut = t.stdout;
}
if (plainOut !== tracedOut) throw new Error(`traced output differs: ${tracedOut} vs ${plainOut}`);

const bytes = statSync(out).size;
const trace = readRecording(out, {
  file: program,
  node: process.version,
  startedAt: '',
  durationMs: 0,
  exit: { code: 0, signal: null, reason: 'completed' },
});
const located = trace.promises.filter((p) => !p.internal && p.location !== null).length;
const user = trace.promises.filter((p) => !p.internal).length;

// From the command to the first event: the child prints the wall clock as its first statement, which
// runs right after the runtime recorded the script job's start.
const first = join(work, 'first.js');
writeFileSync(first, 'process.stdout.write(String(performance.timeOrigin + performance.now()));\n');
const firsts = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.timeOrigin + performance.now();
  const result = spawnSync(process.execPath, ['--require', register, first], { env: tracedEnv, encoding: 'utf8' });
  firsts.push(Number(result.stdout) - t0);
}

const p = median(plain);
const t = median(traced);
console.log(
  `program: ${trace.promises.length} promises (${user} user, ${located} located), ${trace.jobs.length} jobs, ${trace.events.length} events`,
);
console.log(`plain   ${p.toFixed(0)} ms (median of ${rounds}: ${plain.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`traced  ${t.toFixed(0)} ms (median of ${rounds}: ${traced.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`ratio   ${(t / p).toFixed(2)}x (target <= 2.0x)`);
console.log(`size    ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / trace.events.length).toFixed(1)} bytes per event`);
// What `promise-lens trace` writes by default (.pltrace), from the same recording (handlers not located here).
const t0 = performance.now();
const native = encodeNative(trace);
const nativeMs = performance.now() - t0;
console.log(
  `native  ${(native.length / 1e6).toFixed(1)} MB, ${(native.length / trace.events.length).toFixed(1)} bytes per event (target <= 30), written in ${nativeMs.toFixed(0)} ms`,
);
console.log(`first event ${median(firsts).toFixed(0)} ms after the command`);
