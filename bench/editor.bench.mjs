// "Trace promises" in VS Code as the user waits for it: from pressing Enter on the command to the timeline
// drawn in its panel (the page marks `data-state="ready"` two frames after its first draw), beside plain
// `node` and `promise-lens trace` on the same file, in one run. VS Code is code-server in headless Chromium, as the UI tests run it
// (`node scripts/setup-editor.mjs` installs it). Figures, never pass/fail: the median of each, and the
// difference (target for a learner's program, issue "Tracing at scale": at most the plain run plus 0.3 s).
//   node bench/editor.bench.mjs [rounds]          (build first: node scripts/build.mjs)
// page evaluate bodies run in the browser:
/* global document */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, needBuild, plainEnv, root, scratch, timeRun } from './sideBySide.mjs';

const rounds = Number(process.argv[2]) || 5;
needBuild();
const cli = join(root, 'dist/cli.js');
const work = scratch('pl-editor-bench-');
const { openWorkbench } = await import(join(root, 'test/ui/workbench.mjs'));

/** Promises in a chain, made in the workspace: a trace larger than a learner's, still opened in the panel. */
const CHAIN = 20_000;
const chainProgram = `let p = Promise.resolve(0);
for (let i = 0; i < ${CHAIN}; i++) p = p.then((v) => v + 1);
p.then((v) => console.log('chain', v));
`;
const programs = ['microtasks-before-timers.js', 'all-vs-allSettled.js', 'chain.js'];

/** What each webview content frame shows: null (not a timeline page yet), 'loaded', or the drawn trace's revision. */
async function pages(page) {
  const seen = [];
  for (const frame of page.frames()) {
    const isContent = frame.name() === 'active-frame' || frame.url().includes('/fake.html');
    if (!isContent) continue;
    const state = await frame
      .evaluate(() => {
        if (!document.getElementById('app')) return null;
        const { dataset } = document.documentElement;
        return dataset.state === 'ready' ? `drawn ${dataset.revision}` : 'loaded';
      })
      .catch(() => null);
    if (state !== null) seen.push(state);
  }
  return seen;
}

/**
 * Polls the webview frames until one has drawn a trace other than `before`; returns the ms from `t0` to the
 * first timeline page seen (its page loaded) and to the new drawing.
 */
async function timelineDrawn(page, t0, before, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let loaded = null;
  for (;;) {
    const seen = await pages(page);
    if (seen.length > 0) loaded ??= Date.now() - t0;
    if (seen.some((state) => state.startsWith('drawn') && !before.includes(state)))
      return { loaded, drawn: Date.now() - t0 };
    if (Date.now() > deadline) throw new Error('the timeline was not drawn');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * One "Trace promises" of `name`: ms from Enter on the command to the panel's page and to the drawn trace. In
 * a fresh panel (every editor closed first, so its page loads anew), or in the panel left open by the last.
 */
async function traceInEditor(wb, name, fresh) {
  if (fresh) await wb.runCommand('View: Close All Editors');
  await wb.openFile(name);
  const before = await pages(wb.page);
  const input = await wb.openQuickInput('F1');
  await input.fill('>Promise Lens: Trace promises');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Trace promises' }).first().waitFor();
  const t0 = Date.now();
  await wb.page.keyboard.press('Enter');
  return timelineDrawn(wb.page, t0, before, 120_000);
}

const wb = await openWorkbench({ viewport: { width: 1600, height: 900 } });
try {
  writeFileSync(join(wb.workspace, 'chain.js'), chainProgram);
  await traceInEditor(wb, programs[0], true); // the first trace starts the extension's paths: not counted
  let worst = 0;
  for (const name of programs) {
    const file = join(wb.workspace, name);
    const times = { plain: [], cli: [], fresh: [], page: [], open: [] };
    for (let r = 0; r < rounds; r++) {
      times.plain.push(timeRun([file], plainEnv()).ms);
      times.cli.push(timeRun([cli, 'trace', file, '--out', join(work, 'out.pltrace')], plainEnv()).ms);
      const fresh = await traceInEditor(wb, name, true);
      times.fresh.push(fresh.drawn);
      times.page.push(fresh.loaded);
      times.open.push((await traceInEditor(wb, name, false)).drawn);
    }
    const plain = median(times.plain);
    const over = (ms) => `${ms.toFixed(0).padStart(6)} ms  +${(ms - plain).toFixed(0)} ms over plain`;
    if (name !== 'chain.js') worst = Math.max(worst, median(times.open) - plain);
    console.log(`${name === 'chain.js' ? `chain.js (${CHAIN} promises)` : name} (median of ${rounds})`);
    console.log(`  plain node                        ${plain.toFixed(0).padStart(6)} ms`);
    console.log(`  promise-lens trace                ${over(median(times.cli))}`);
    console.log(`  new panel: its page loaded        ${median(times.page).toFixed(0).padStart(6)} ms`);
    console.log(`  new panel: Trace promises, drawn  ${over(median(times.fresh))}`);
    console.log(`  open panel: Trace promises, drawn ${over(median(times.open))}`);
  }
  console.log(
    `learner's programs in the open panel, worst: +${worst.toFixed(0)} ms over plain (target: at most +300 ms)`,
  );
} finally {
  await wb.close();
}
