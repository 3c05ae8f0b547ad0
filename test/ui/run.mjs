// Runs the UI tests (test/ui/*.ui.mjs) with mocha: each drives a real VS Code workbench in Chromium
// through ./workbench.mjs and saves its screenshots under test-results/.
//   node test/ui/run.mjs                       all of them (build first: node scripts/build.mjs)
//   node test/ui/run.mjs context-menu          only files whose name contains "context-menu"
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { setupEditor } from '../../scripts/setup-editor.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];

await setupEditor();
const mocha = new Mocha({ ui: 'bdd', timeout: 300_000, reporter: 'spec', color: false });
const files = readdirSync(here)
  .filter((name) => name.endsWith('.ui.mjs') && (!only || name.includes(only)))
  .sort();
for (const name of files) mocha.addFile(join(here, name));
await mocha.loadFilesAsync();
mocha.run((failures) => {
  // launch.mjs's exit hook stops any editor a failed test left running.
  process.exit(failures > 0 ? 1 : 0);
});
