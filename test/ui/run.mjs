// Runs the UI tests (test/ui/*.ui.mjs) with mocha: each drives a real VS Code workbench in Chromium
// through ./workbench.mjs and saves its screenshots under test-results/.
//   node test/ui/run.mjs                       all of them (build first: node scripts/build.mjs)
//   node test/ui/run.mjs context-menu          only files whose name contains "context-menu"
// With PROMISE_LENS_DOC_IMAGES=1, a run in which every test passed copies the screenshots the README
// shows into docs/images, so the pictures are always of the extension as it is.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
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
/** Screenshot in test-results/ → picture in docs/images/. */
const DOC_IMAGES = {
  'timeline-light.png': 'timeline.png',
  'loop-view-light.png': 'event-loop-view.png',
  'hover-then.png': 'hover.png',
  'callback-hell-quick-fix.png': 'quick-fix.png',
  'predict-after.png': 'predict-the-order.png',
};

function copyDocImages() {
  const results = join(here, '../../test-results');
  const images = join(here, '../../docs/images');
  mkdirSync(images, { recursive: true });
  for (const [shot, picture] of Object.entries(DOC_IMAGES)) {
    if (!existsSync(join(results, shot))) continue;
    copyFileSync(join(results, shot), join(images, picture));
    console.log(`docs/images/${picture} <- test-results/${shot}`);
  }
}

mocha.run((failures) => {
  if (failures === 0 && process.env.PROMISE_LENS_DOC_IMAGES === '1') copyDocImages();
  // launch.mjs's exit hook stops any editor a failed test left running.
  process.exit(failures > 0 ? 1 : 0);
});
