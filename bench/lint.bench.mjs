// `promise-lens lint` end to end (Node start-up, loading TypeScript, every finding planned) on files of
// 3-level error-first pyramids, 6,000 and 24,000 lines, and on files of 3-level nested .then chains,
// 3,000 and 12,000 lines (each chain's fix is planned in rounds). Printed as figures, not asserted.
// Targets: 6,000 lines of pyramids under 1 s, and every file 4x as long within 4-5x of the shorter one
// (lint is linear in the file).
// Medians of several rounds (`--rounds N`, default 5), wall time and the child's own CPU time (on a shared
// machine wall time also counts others' turns). `--against <cli.js>` runs another build too (a copy of
// dist/ from before a change), alternating with this one round by round, and prints the two side by side.
//   npm run build && node bench/lint.bench.mjs [--rounds 7] [--against /tmp/before/dist/cli.js]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
const work = mkdtempSync(join(os.tmpdir(), 'promise-lens-lint-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
// The child's own CPU time, written at exit: on a shared machine wall time also counts others' turns.
const probe = join(work, 'cpu.cjs');
writeFileSync(
  probe,
  `process.on('exit', () => { const c = process.cpuUsage(); require('fs').writeSync(2, '\\nCPU ' + ((c.user + c.system) / 1000) + '\\n'); });\n`,
);

function pyramids(lines) {
  const out = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `function load${i}(id, callback) { setTimeout(() => callback(null, { id }), 1); }`,
      `load${i}(${i}, (err, a) => {`,
      `  if (err) return console.error('load ${i} failed', err);`,
      `  load${i}(a.id, (err, b) => {`,
      `    if (err) return console.error('load ${i} failed', err);`,
      `    load${i}(b.id, (err, c) => {`,
      `      if (err) return console.error('load ${i} failed', err);`,
      `      console.log(a, b, c);`,
      `    });`,
      `  });`,
      `});`,
    );
  }
  // Whole pyramids only: a cut one would not parse, and a file that does not parse gets no fix.
  return `${out.join('\n')}\n`;
}

function chains(lines) {
  const out = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `function total${i}(id) {`,
      `  return get${i}(id).then((a) => {`,
      `    return more(a).then((b) => {`,
      `      return last(b).then((c) => a + b + c + ${i});`,
      `    });`,
      `  });`,
      `}`,
    );
  }
  return `${out.join('\n')}\n`;
}

const { values: options } = parseArgs({ options: { rounds: { type: 'string' }, against: { type: 'string' } } });
const rounds = Math.max(1, Number(options.rounds ?? 5) || 5);
const builds = [{ name: 'this build', cli }];
if (options.against) builds.push({ name: 'against', cli: options.against });

function lintOnce(build, file) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, build.cli, 'lint', file, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = performance.now() - t0;
  if (r.status !== 1) throw new Error(`${build.cli}: lint exited ${r.status}: ${r.stderr}`);
  const records = JSON.parse(r.stdout);
  return {
    wall,
    cpu: Number(/CPU ([\d.]+)/.exec(r.stderr)[1]),
    findings: records.length,
    fixable: records.filter((x) => x.fixable).length,
  };
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const results = new Map(builds.map((b) => [b, []]));
const files = [
  { name: 'pyramids', lines: 6000, make: pyramids },
  { name: 'pyramids', lines: 24000, make: pyramids },
  { name: 'nested .then chains', lines: 3000, make: chains },
  { name: 'nested .then chains', lines: 12000, make: chains },
];
for (const { name, lines, make } of files) {
  const file = join(work, `${name.replace(/\W+/g, '-')}-${lines}.js`);
  writeFileSync(file, make(lines));
  const runs = new Map(builds.map((b) => [b, []]));
  // Alternating, so that a change of the machine's load falls on both builds alike.
  for (let round = 0; round < rounds; round++) for (const build of builds) runs.get(build).push(lintOnce(build, file));
  for (const build of builds) {
    const list = runs.get(build);
    const figures = { name, lines, wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)) };
    results.get(build).push(figures);
    console.log(
      `lint, ${lines} lines of ${name}, ${build.name}: ${list[0].findings} findings, ${list[0].fixable} fixable; median of ${rounds}: ${seconds(figures.wall)} wall, ${seconds(figures.cpu)} CPU (wall ${list.map((r) => (r.wall / 1000).toFixed(2)).join(' ')})`,
    );
  }
}
for (const build of builds) {
  const [small, large, fewChains, manyChains] = results.get(build);
  console.log(
    `  ${build.name}: 6,000 lines of pyramids under 1 s: ${small.wall < 1000 ? 'met' : 'NOT met'} (${seconds(small.wall)} wall, ${seconds(small.cpu)} CPU); 24,000 / 6,000: ${(large.wall / small.wall).toFixed(1)}x wall, ${(large.cpu / small.cpu).toFixed(1)}x CPU; nested chains 12,000 / 3,000: ${(manyChains.wall / fewChains.wall).toFixed(1)}x wall, ${(manyChains.cpu / fewChains.cpu).toFixed(1)}x CPU (target 4-5x at most)`,
  );
}
if (builds.length === 2) {
  const [now, before] = builds.map((b) => results.get(b));
  for (let i = 0; i < now.length; i++)
    console.log(
      `  ${now[i].lines} lines of ${now[i].name}, this build / against: ${(now[i].wall / before[i].wall).toFixed(2)} wall, ${(now[i].cpu / before[i].cpu).toFixed(2)} CPU`,
    );
}
console.log(`  load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
