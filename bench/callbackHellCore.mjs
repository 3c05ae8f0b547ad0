// The callback-hell core as the benches call it: src/core/callbackHell bundled under out/ (so its lazy
// require('typescript') finds the project's node_modules) and loaded; the folder goes at exit.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The exports `names` of src/core/callbackHell, from a bundle made in a fresh folder named after `bench`. */
export async function loadCallbackHell(bench, names) {
  const work = mkdtempSync(join(root, 'out', `${bench}-`));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const bundle = join(work, 'core.cjs');
  await esbuild.build({
    stdin: {
      contents: `export { ${names.join(', ')} } from './src/core/callbackHell';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    external: ['typescript'],
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(bundle);
}
