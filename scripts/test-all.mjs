// `npm test`: every tier, in order, on a fresh clone as on a warm machine.
// A failed build or editor set-up stops the run; a failed check or test tier is reported and the other
// tiers still run. The last line is always `N passed, N failed` (tests summed over the tiers; a failed
// step that reports no test counts is one failure), which CI reads.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  ['build', 'node', ['scripts/build.mjs']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', npx, ['eslint', '.']],
  ['format check', npx, ['prettier', '--check', '.']],
  ['unit tests', npx, ['mocha']],
  [
    'process tests',
    npx,
    ['mocha', '--no-config', '--timeout', '60000', '--reporter', 'spec', 'out/test/process/**/*.test.js'],
  ],
  ['editor set-up', 'node', ['scripts/setup-editor.mjs']],
  ['in-editor tests', 'node', ['test/editor/run.mjs']],
  ['UI tests', 'node', ['test/ui/run.mjs']],
];
/** Steps after whose failure nothing else can run. */
const essential = new Set(['build', 'editor set-up']);

/** Runs a step, passing its output through, and counts mocha's `N passing` / `N failing` lines. */
function runStep(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const counts = { passed: 0, failed: 0 };
    let pending = '';
    const scan = (text) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const match = /^\s*(\d+) (passing|failing)\b/.exec(line);
        if (match) counts[match[2] === 'passing' ? 'passed' : 'failed'] += Number(match[1]);
      }
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      scan(chunk.toString());
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', (error) => {
      console.error(error.message);
      resolve({ status: 1, counts });
    });
    child.on('close', (status, signal) => {
      scan('\n');
      resolve({ status: status ?? signal, counts });
    });
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
const failedSteps = [];
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const { status, counts } = await runStep(command, args);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  passed += counts.passed;
  failed += counts.failed;
  if (status !== 0) {
    if (counts.failed === 0) failed += 1;
    failedSteps.push(name);
    console.error(`\n=== ${name} failed (exit ${status}) after ${seconds} s`);
    if (essential.has(name)) break;
    continue;
  }
  console.log(`=== ${name} passed in ${seconds} s`);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  failedSteps.length === 0
    ? `\nnpm test: every tier passed in ${total} s`
    : `\nnpm test: failed (${failedSteps.join(', ')}) after ${total} s`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length === 0 ? 0 : 1);
