// The tracer's cost, printed side by side in one run: the same promise-heavy program (over a million
// promises) plain and under the preloaded runtime with full recording, every promise located.
// Figures: median wall time of each, their ratio (the run alone; target ≤ 3×), bytes per recorded event, and the
// time from the command to the first recorded event; then the whole `promise-lens trace` (default limits, every
// promise, and the work after the run alone) against plain node, with the CLI's peak memory.
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
console.log(`ratio   ${(t / p).toFixed(2)}x (the run alone; target <= 3x)`);
console.log(`size    ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / trace.events.length).toFixed(1)} bytes per event`);
// What `promise-lens trace` writes by default (.pltrace), from the same recording (handlers not located here).
const t0 = performance.now();
const native = encodeNative(trace);
const nativeMs = performance.now() - t0;
console.log(
  `native  ${(native.length / 1e6).toFixed(1)} MB, ${(native.length / trace.events.length).toFixed(1)} bytes per event (target <= 30), written in ${nativeMs.toFixed(0)} ms`,
);
console.log(`first event ${median(firsts).toFixed(0)} ms after the command`);

// The whole `promise-lens trace` as the user waits for it (start, run, read, locate, explain, write the
// .pltrace), with the default limits (the event cap stops recording at 1M events; the program runs on)
// and with every promise recorded; side by side with plain node, round by round. Peak memory is the CLI
// process's own (its maxRSS, written at exit by a probe): the traced program runs under its own heap limit.
// "after the run" times `trace --recording` on the recording of every promise made above: reading,
// locating, explaining and writing alone, against the run alone (target: less).
const cli = join(root, 'dist/cli.js');
const probe = join(work, 'peak.cjs');
writeFileSync(
  probe,
  "process.on('exit', () => require('fs').writeSync(2, '\\nPEAK ' + process.resourceUsage().maxRSS + '\\n'));\n",
);
/** One CLI command: its wall time, the CLI's peak RSS in MB and the size of what it wrote. */
function timeCli(args) {
  const pltrace = join(work, 'cli.pltrace');
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', probe, cli, ...args, '--out', pltrace], {
    env: clean,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = /PEAK (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !peak)
    throw new Error(`promise-lens ${args.join(' ')}: exit ${result.status}: ${result.stderr.slice(-2000)}`);
  return { ms, mb: Number(peak[1]) / 1024, bytes: statSync(pltrace).size };
}
const full = join(work, 'full.bin');
const whole = { capped: [], every: [], run: [], after: [], plain: [] };
let sizes = {};
for (let r = 0; r < rounds; r++) {
  whole.plain.push(timeRun([program], clean).ms);
  whole.capped.push(timeCli(['trace', program]));
  whole.every.push(timeCli(['trace', program, '--max-events', '50000000', '--timeout', '600000']));
  whole.run.push(
    timeRun(['--expose-internals', '--require', register, program], { ...tracedEnv, PROMISE_LENS_OUT: full }).ms,
  );
  whole.after.push(timeCli(['trace', program, '--recording', full]));
}
const wp = median(whole.plain);
const line = (name, runs, note) => {
  const ms = median(runs.map((x) => x.ms));
  const mb = Math.max(...runs.map((x) => x.mb));
  console.log(
    `${name} ${(ms / 1000).toFixed(2)} s, ${(ms / wp).toFixed(1)}x plain (${wp.toFixed(0)} ms in the same rounds)${note}; CLI peak ${mb.toFixed(0)} MB (target <= 1024)`,
  );
  return ms;
};
console.log(`whole \`promise-lens trace\`, median of ${rounds}, side by side with plain:`);
line('  default limits    ', whole.capped, ' (recording stops at the 1M-event cap)');
line('  every promise     ', whole.every, ` (${trace.events.length} events; target <= 5x, goal 3x)`);
const afterMs = line(
  '  after the run only',
  whole.after,
  ` (read, locate, explain, write ${trace.events.length} events)`,
);
const runMs = median(whole.run);
console.log(
  `  after the run ${(afterMs / 1000).toFixed(2)} s against the run alone ${(runMs / 1000).toFixed(2)} s in the same rounds: ${afterMs < runMs ? 'less (target met)' : 'more (target: less, NOT met)'}`,
);
sizes = median(whole.every.map((x) => x.bytes));
console.log(
  `  .pltrace of every promise: ${(sizes / 1e6).toFixed(1)} MB, ${(sizes / trace.events.length).toFixed(1)} bytes per event`,
);
