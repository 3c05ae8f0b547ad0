import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root, found by walking up to Promise Lens's own package.json. Tests are bundled one file
 * each into out/test at the depth of their source, so a fixed `../../..` would break when a test moves.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'promise-lens') return dir;
    if (dirname(dir) === dir) throw new Error(`no promise-lens package.json above ${from}`);
  }
}

export const repoRoot = findRoot(__dirname);
