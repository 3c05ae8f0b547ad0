// `promise-lens lint` end to end (Node start-up, loading TypeScript, every finding planned) on files of
// 3-level error-first pyramids, 6,000 and 24,000 lines. Printed as figures, not asserted. Targets:
// 6,000 lines under 1 s, and 24,000 lines within 4-5x of that (lint is linear in the file).
//   npm run build && node bench/lint.bench.mjs
import { spawnSync } from 'node:child_process';
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

const results = [];
for (const lines of [6000, 24000]) {
  const file = join(work, `pyramids-${lines}.js`);
  writeFileSync(file, pyramids(lines));
  const walls = [];
  const cpus = [];
  let findings = 0;
  let fixable = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', probe, cli, 'lint', file, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    walls.push(performance.now() - t0);
    if (r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr}`);
    cpus.push(Number(/CPU ([\d.]+)/.exec(r.stderr)[1]));
    const records = JSON.parse(r.stdout);
    findings = records.length;
    fixable = records.filter((x) => x.fixable).length;
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  results.push({ lines, wall: walls[0], cpu: cpus[0] });
  console.log(
    `lint, ${lines} lines: ${findings} findings, ${fixable} fixable; best of 3: ${(walls[0] / 1000).toFixed(2)} s wall, ${(cpus[0] / 1000).toFixed(2)} s CPU`,
  );
}
const [small, large] = results;
console.log(
  `  6,000 lines under 1 s: ${small.wall < 1000 ? 'met' : 'NOT met'} (CPU ${(small.cpu / 1000).toFixed(2)} s)`,
);
console.log(
  `  24,000 / 6,000: ${(large.wall / small.wall).toFixed(1)}x wall, ${(large.cpu / small.cpu).toFixed(1)}x CPU (target 4-5x at most)`,
);
console.log(`  load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
