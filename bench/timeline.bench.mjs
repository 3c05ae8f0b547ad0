// The timeline's scale figures, printed (not asserted): a 100k-event trace ready in the standalone page
// in ≤ 1 s, zoom / pan frames ≤ 16 ms, and a 1M-event trace that still opens, in headless Chromium.
//   node bench/timeline.bench.mjs            (build first: node scripts/build.mjs)
// Traces come from the real tracer running bench/timeline-load.js when `promise-lens trace` works;
// otherwise from a synthetic generator of the same shape (the output says which).
// page.evaluate bodies run in the browser:
/* global document, window, requestAnimationFrame */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'pl-timeline-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The page renderer and the synthetic generator, bundled from the sources.
const helper = join(work, 'helper.cjs');
await esbuild.build({
  stdin: {
    contents: `export { renderStandalonePage, readPageAssets } from './src/core/trace/format/htmlPage';
               export { manyEvents } from './test/unit/core/timeline/fixture';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: helper,
  logLevel: 'warning',
});
const { renderStandalonePage, readPageAssets, manyEvents } = createRequire(import.meta.url)(helper);
const assets = readPageAssets(join(root, 'dist'));

/** A real trace of about `events` events, or undefined when the tracer is not available. */
function realTrace(events) {
  const cli = join(root, 'dist/cli.js');
  if (!existsSync(cli)) return undefined;
  const perRound = 40; // measured below and corrected once
  let rounds = Math.max(10, Math.round(events / perRound));
  for (let attempt = 0; attempt < 2; attempt++) {
    const out = join(work, `real-${events}.json`);
    const limits = ['--max-events', String(Math.max(events * 2, 1000)), '--timeout', '280000', '--max-heap', '4096'];
    const result = spawnSync(
      process.execPath,
      [cli, 'trace', join(root, 'bench/timeline-load.js'), '--format', 'json', '--out', out, ...limits],
      {
        env: { ...process.env, ROUNDS: String(rounds) },
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (result.status !== 0 || !existsSync(out)) return undefined;
    const trace = JSON.parse(readFileSync(out, 'utf8'));
    if (!Array.isArray(trace.events)) return undefined;
    const n = trace.events.length;
    if (Math.abs(n - events) / events < 0.05 || attempt === 1) return trace;
    rounds = Math.max(10, Math.round((rounds * events) / Math.max(1, n)));
  }
  return undefined;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function measure(label, trace) {
  const file = join(work, `${label}.html`);
  writeFileSync(file, renderStandalonePage(trace, assets));
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, {
    timeout: 120_000,
    polling: 10,
  });
  const wall = Date.now() - t0;
  const inPage = await page.evaluate(() => Number(document.documentElement.dataset.readyAt));
  const frames = await page.evaluate(() => window.promiseLensTimeline.benchFrames(120));
  // Real input too: wheel zoom and drag pan through the browser, timed frame to frame.
  const box = await page.locator('canvas.timeline').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  const input = await page.evaluate(async () => {
    const times = [];
    let last = performance.now();
    let running = true;
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__stopFrames = () => {
      running = false;
      return times.slice(1);
    };
  });
  void input;
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i % 2 ? 120 : -150);
  await page.mouse.down();
  for (let i = 0; i < 30; i++) await page.mouse.move(box.x + box.width / 2 - i * 8, box.y + 60);
  await page.mouse.up();
  const frameGaps = await page.evaluate(() => window.__stopFrames());
  await page.close();
  const d = stats(frames);
  const g = stats(frameGaps);
  console.log(
    `${label}: ${trace.events.length.toLocaleString('en')} events, ${trace.promises.length.toLocaleString('en')} promises, ${trace.jobs.length.toLocaleString('en')} jobs (${trace.source})\n` +
      `  ready: ${wall} ms from navigation (page clock ${inPage} ms; page ${(readFileSync(file).length / 1e6).toFixed(1)} MB)\n` +
      `  zoom/pan draw: median ${ms(d.median)}, p95 ${ms(d.p95)}, max ${ms(d.max)} over ${frames.length} frames\n` +
      `  wheel/drag in the browser, frame to frame: median ${ms(g.median)}, p95 ${ms(g.p95)}, max ${ms(g.max)} over ${frameGaps.length} frames` +
      (errors.length ? `\n  page errors: ${errors.join('; ')}` : ''),
  );
  return { wall, d };
}

for (const [label, size] of [
  ['100k', 100_000],
  ['1M', 1_000_000],
]) {
  let trace = realTrace(size);
  if (trace) trace.source = 'traced bench/timeline-load.js';
  else {
    trace = manyEvents(size);
    trace.source = 'synthetic: the tracer was not available';
  }
  await measure(label, trace);
}
await browser.close();
