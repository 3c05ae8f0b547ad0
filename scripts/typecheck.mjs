// Type-checks each part of src/ against its own tsconfig, so a part that reaches for what it may not
// see (the DOM in core, vscode in the webview) fails here. Parts with no files yet are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['src/wire', 'src/core', 'src/runtime', 'src/loader', 'src/host', 'src/webview', 'src/cli', 'test'];
const tsc = join(root, 'node_modules/typescript/bin/tsc');

const hasSources = (dir) => readdirSync(dir, { recursive: true }).some((name) => String(name).endsWith('.ts'));

let failed = false;
for (const project of projects) {
  const dir = join(root, project);
  if (!existsSync(join(dir, 'tsconfig.json')) || !hasSources(dir)) continue;
  const result = spawnSync(process.execPath, [tsc, '-p', dir], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
  else console.log(`tsc -p ${project}: ok`);
}
process.exit(failed ? 1 : 0);
