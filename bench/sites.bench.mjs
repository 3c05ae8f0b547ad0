// Creation sites given at load time (PROMISE_LENS_SITES=1: the loader instruments the program's own
// JavaScript, src/loader/sites.ts) against today's stack per promise, side by side in one run: the same
// promise-heavy program as bench/trace.bench.mjs, plain, traced, and traced with sites. Checks that both
// traces give every promise the same kind, parent and place.
//   node bench/sites.bench.mjs [rounds]          (build first: node scripts/build.mjs)
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median, needBuild, plainEnv, register, root, scratch, timeRun } from './sideBySide.mjs';

const program = join(root, 'bench/trace-load.js');
const loader = join(root, 'dist/loader.js');
const rounds = Number(process.argv[2]) || 3;
needBuild();
const work = scratch('pl-sites-bench-');

const reader = join(work, 'reader.cjs');
await esbuild.build({
  entryPoints: [join(root, 'src/core/trace/recording.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: reader,
  logLevel: 'warning',
});
const { readRecording } = createRequire(import.meta.url)(reader);

const clean = plainEnv();
const stacksOut = join(work, 'stacks.bin');
const sitesOut = join(work, 'sites.bin');
const env = (out, sites) => ({
  ...clean,
  PROMISE_LENS_OUT: out,
  PROMISE_LENS_MAX_EVENTS: String(50_000_000),
  ...(sites ? { PROMISE_LENS_SITES: '1' } : {}),
});
// Today's run (the runtime alone, as the runner starts a JavaScript program), and with the loader's sites.
const stacksArgs = ['--expose-internals', '--require', register, program];
const sitesArgs = ['--expose-internals', '--require', loader, '--require', register, program];

const times = { plain: [], stacks: [], sites: [] };
const outputs = new Set();
for (let r = 0; r < rounds; r++) {
  const p = timeRun([program], clean);
  const a = timeRun(stacksArgs, env(stacksOut, false));
  const b = timeRun(sitesArgs, env(sitesOut, true));
  times.plain.push(p.ms);
  times.stacks.push(a.ms);
  times.sites.push(b.ms);
  for (const run of [p, a, b]) outputs.add(run.stdout);
}
if (outputs.size !== 1) throw new Error(`outputs differ: ${[...outputs].join(' / ')}`);

const info = { file: program, node: process.version, startedAt: '', durationMs: 0 };
const read = (out) => readRecording(out, { ...info, exit: { code: 0, signal: null, reason: 'completed' } });
const key = (p) =>
  `${p.kind} ${p.internal} ${p.parent} ${p.location ? `${p.location.file}:${p.location.line}:${p.location.column}` : '-'}`;
const stacks = read(stacksOut).promises;
const sites = read(sitesOut).promises;
let differ = stacks.length === sites.length ? 0 : Math.abs(stacks.length - sites.length);
for (let i = 0; i < Math.min(stacks.length, sites.length); i++) if (key(stacks[i]) !== key(sites[i])) differ++;

const p = median(times.plain);
const row = (name, xs) =>
  `${name.padEnd(7)} ${median(xs).toFixed(0)} ms  ${(median(xs) / p).toFixed(2)}x  (median of ${rounds}: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`program: ${sites.length} promises, ${differ} with another kind, parent or place under sites`);
console.log(row('plain', times.plain));
console.log(row('stacks', times.stacks));
console.log(row('sites', times.sites));
if (differ !== 0) process.exitCode = 1;
