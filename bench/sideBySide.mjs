// What the tracer benches share: the repository's paths, a scratch folder removed at exit, and one
// timed run of node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const register = join(root, 'dist/register.js');

/** Exits with a clear message when the runtime has not been built. */
export function needBuild() {
  if (existsSync(register)) return;
  console.error('build first: node scripts/build.mjs');
  process.exit(1);
}

/** A fresh temporary folder, removed when the bench exits. */
export function scratch(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  return work;
}

/** The environment without PROMISE_LENS_OUT, so that a plain run records nothing. */
export function plainEnv() {
  const env = { ...process.env };
  delete env.PROMISE_LENS_OUT;
  return env;
}

/** Runs node with `args` and `env`; the wall time in ms and its stdout. Throws when it fails. */
export function timeRun(args, env) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr.slice(-2000)}`);
  return { ms, stdout: result.stdout };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
