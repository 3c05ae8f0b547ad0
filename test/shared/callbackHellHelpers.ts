import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** Golden rewrites: test/golden/rewrite/<case>/input.* beside output.<style>.* or reason.<style>.txt. */
export const GOLDEN = join(repoRoot, 'test/golden/rewrite');

export function goldenCases(): Array<{ name: string; dir: string; input: string; ext: string }> {
  return readdirSync(GOLDEN)
    .sort()
    .map((name) => {
      const dir = join(GOLDEN, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (!input) throw new Error(`${name} has no input file`);
      return { name, dir, input: join(dir, input), ext: input.slice('input.'.length) };
    });
}

/** Runs a JavaScript file under Node and returns what it printed (its own path blanked) and how it ended. */
export function run(file: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  return { stdout: result.stdout, stderr: result.stderr.split(file).join('<file>'), status: result.status };
}

/** The first `SomethingError: message` line of what Node printed for an uncaught error, if any. */
export function errorLine(stderr: string): string | undefined {
  return /^\w*Error\b.*$/m.exec(stderr)?.[0];
}

/** mulberry32: a small seeded generator, so a fuzzer's programs can be replayed from their seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
