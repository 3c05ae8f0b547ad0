// The timeline's scale figures, printed (not asserted): a 100k-event trace ready in the standalone page
// in ≤ 1 s, zoom / pan frames ≤ 16 ms, and a 1M-event trace open with its overview in ≤ 2 s, in headless
// Chromium. "Ready" is what the user can use: the page has drawn the timeline and answers input (the
// page sets `data-state="ready"` two frames after its first full draw; the bench then times a frame).
//   node bench/timeline.bench.mjs            (build first: node scripts/build.mjs)
//   --rounds N        load each page N times and print medians (the machine is noisy; default 1)
//   --against DIR     also load the same traces with another build's dist/ (the build before a change),
//                     alternating with this one, and print both side by side
//   --traces DIR      keep the traced programs there and reuse them (tracing 1M events takes a minute)
//   --sizes 100k,1M   which traces to load
//   --screenshots DIR save each build's page as drawn when ready (DIR/timeline-<size>-<build>.png)
// Traces come from the real tracer running bench/timeline-load.js when `promise-lens trace` works;
// otherwise from a synthetic generator of the same shape (the output says which).
// page.evaluate bodies run in the browser:
/* global document, window, requestAnimationFrame, KeyboardEvent */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '1' },
    against: { type: 'string' },
    traces: { type: 'string' },
    sizes: { type: 'string', default: '100k,1M' },
    screenshots: { type: 'string' },
  },
});
const rounds = Math.max(1, Number(args.rounds) || 1);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'pl-timeline-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const traceDir = args.traces ? resolve(args.traces) : work;
mkdirSync(traceDir, { recursive: true });

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
const builds = [{ name: 'this build', assets: readPageAssets(join(root, 'dist')) }];
if (args.against) builds.unshift({ name: 'against', assets: readPageAssets(resolve(args.against)) });

/** A real trace of about `events` events, or undefined when the tracer is not available. */
function realTrace(events) {
  const cli = join(root, 'dist/cli.js');
  if (!existsSync(cli)) return undefined;
  const out = join(traceDir, `real-${events}.json`);
  if (args.traces && existsSync(out)) return JSON.parse(readFileSync(out, 'utf8'));
  const perRound = 40; // measured below and corrected once
  let rounds = Math.max(10, Math.round(events / perRound));
  for (let attempt = 0; attempt < 2; attempt++) {
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
const median = (xs) => stats(xs).median;
const ms = (x) => `${x.toFixed(1)} ms`;

/** One load of a page: when it was ready, how long its first frames after that took, and its phases. */
async function loadOnce(file, screenshot) {
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
  // The picture is of the page as it was ready, before any input.
  if (screenshot) await page.screenshot({ path: screenshot });
  // Responsive: the next frame after ready comes without a long task in between (work left for later
  // must not make the first input wait).
  const nextFrame = await page.evaluate(
    () => new Promise((done) => requestAnimationFrame((a) => requestAnimationFrame((b) => done(b - a)))),
  );
  // The first input: a step forward, from the key to the frame drawn after it (what a row or column
  // first read costs shows here, not hidden after "ready").
  const firstStep = await page.evaluate(
    () =>
      new Promise((done) => {
        const canvas = document.querySelector('canvas.timeline');
        const t0 = performance.now();
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
      }),
  );
  const inPage = await page.evaluate(() => Number(document.documentElement.dataset.readyAt));
  // The page's own marks (main.ts): where the time went.
  const phases = await page.evaluate(() =>
    performance.getEntriesByType('measure').map((m) => ({ name: m.name, duration: m.duration })),
  );
  return { page, errors, wall, inPage, nextFrame, firstStep, phases };
}

async function interact(page) {
  const frames = await page.evaluate(() => window.promiseLensTimeline.benchFrames(120));
  // Real input too: wheel zoom and drag pan through the browser, timed frame to frame.
  const box = await page.locator('canvas.timeline').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await page.evaluate(() => {
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
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i % 2 ? 120 : -150);
  await page.mouse.down();
  for (let i = 0; i < 30; i++) await page.mouse.move(box.x + box.width / 2 - i * 8, box.y + 60);
  await page.mouse.up();
  const frameGaps = await page.evaluate(() => window.__stopFrames());
  return { frames, frameGaps };
}

async function measure(label, trace, source) {
  const files = builds.map((b, i) => {
    const file = join(work, `${label}-${i}.html`);
    writeFileSync(file, renderStandalonePage(trace, b.assets));
    return file;
  });
  const runs = builds.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let b = 0; b < builds.length; b++) {
      const name = `timeline-${label}-${b === builds.length - 1 ? 'this' : 'against'}.png`;
      if (r === 0 && args.screenshots) mkdirSync(args.screenshots, { recursive: true });
      const run = await loadOnce(files[b], r === 0 && args.screenshots ? join(args.screenshots, name) : undefined);
      // Zoom and pan once per build, on its first load.
      if (r === 0) Object.assign(run, await interact(run.page));
      await run.page.close();
      runs[b].push(run);
    }
  }
  console.log(
    `${label}: ${trace.events.length.toLocaleString('en')} events, ${trace.promises.length.toLocaleString('en')} promises, ${trace.jobs.length.toLocaleString('en')} jobs (${source}); page ${(readFileSync(files[0]).length / 1e6).toFixed(1)} MB`,
  );
  builds.forEach((build, b) => {
    const list = runs[b];
    const walls = list.map((x) => x.wall);
    const d = stats(list[0].frames);
    const g = stats(list[0].frameGaps);
    const phaseNames = [...new Set(list.flatMap((x) => x.phases.map((p) => p.name)))];
    const phases = phaseNames
      .map(
        (name) => `${name} ${median(list.map((x) => x.phases.find((p) => p.name === name)?.duration ?? 0)).toFixed(0)}`,
      )
      .join(', ');
    const errors = [...new Set(list.flatMap((x) => x.errors))];
    console.log(
      `  ${build.name}:\n` +
        `    ready: median ${median(walls)} ms from navigation over ${list.length} loads [${walls.join(', ')}] (page clock median ${median(list.map((x) => x.inPage))} ms)\n` +
        `    next frame after ready: median ${ms(median(list.map((x) => x.nextFrame)))}; first step (key to frame drawn): median ${ms(median(list.map((x) => x.firstStep)))}` +
        (phases ? `\n    page phases (ms, medians): ${phases}` : '') +
        `\n    zoom/pan draw: median ${ms(d.median)}, p95 ${ms(d.p95)}, max ${ms(d.max)} over ${list[0].frames.length} frames\n` +
        `    wheel/drag in the browser, frame to frame: median ${ms(g.median)}, p95 ${ms(g.p95)}, max ${ms(g.max)} over ${list[0].frameGaps.length} frames` +
        (errors.length ? `\n    page errors: ${errors.join('; ')}` : ''),
    );
  });
}

const sizes = { '100k': 100_000, '1M': 1_000_000 };
for (const label of args.sizes.split(',')) {
  const size = sizes[label];
  if (!size) throw new Error(`unknown size ${label} (100k or 1M)`);
  const real = realTrace(size);
  const trace = real ?? manyEvents(size);
  await measure(label, trace, real ? 'traced bench/timeline-load.js' : 'synthetic: the tracer was not available');
}
await browser.close();
