// `npm test`: every tier, in order, on a fresh clone as on a warm machine.
// A step that fails stops the run with its exit code.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  ['build', 'node', ['scripts/build.mjs']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', npx, ['eslint', '.']],
  ['unit tests', npx, ['mocha']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n=== ${name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    process.exit(result.status || 1);
  }
  console.log(`=== ${name} passed in ${seconds} s`);
}
console.log(`\nnpm test: every tier passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
