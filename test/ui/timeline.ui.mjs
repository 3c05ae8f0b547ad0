// The timeline panel in a real VS Code, in a light and a dark theme, and the exported standalone page in
// Chromium, rendering the cart example. Screenshots go to test-results/timeline-*.png: look at them.
// page.evaluate bodies run in the browser:
/* global document, window, getComputedStyle */
import * as assert from 'node:assert';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPage, openExportedPage, openWorkbench, resultsDir } from './workbench.mjs';
import { launchBrowser, closeBrowser, repoRoot } from '../editor/launch.mjs';

const LANES = ['script', 'nextTick', 'microtasks', 'timers', 'immediates', 'I/O'];
const CART_LINES = ['order created ORD-1', 'payment done for ORD-1', 'checkout finished', 'second cart: cart is empty'];

/** What the timeline page shows, read from its DOM (the same reading the in-editor probe does). */
async function readPage(frame) {
  return frame.evaluate(() => ({
    state: document.documentElement.dataset.state,
    queues: Array.from(document.querySelectorAll('.queues h3')).map((h) => h.textContent),
    console: Array.from(document.querySelectorAll('.console-lines li .text')).map((n) => n.textContent),
    rows: Array.from(document.querySelectorAll('ol.sr-only li')).map((n) => n.textContent),
    now: document.querySelector('.now')?.textContent ?? '',
    promise: document.querySelector('.details .promise')?.textContent ?? '',
    step: document.querySelector('.step-label')?.textContent ?? '',
  }));
}

function checkCart(page) {
  for (const lane of LANES)
    assert.ok(
      page.queues.some((q) => q.startsWith(`${lane} —`)),
      `lane ${lane}: ${page.queues.join(' | ')}`,
    );
  for (const line of CART_LINES)
    assert.ok(page.console.includes(line), `console line "${line}": ${page.console.join(' | ')}`);
  assert.ok(
    page.rows.some((r) => r.includes('rejected at the end')),
    page.rows.join('\n'),
  );
  assert.ok(
    page.rows.some((r) => r.includes('fulfilled at the end')),
    page.rows.join('\n'),
  );
}

/** Steps into the run and selects the rejected promise, so the screenshot shows queues and internals. */
async function exercise(frame) {
  const canvas = frame.locator('canvas.timeline');
  await canvas.focus();
  for (let i = 0; i < 12; i++) await canvas.press('ArrowRight');
  const rows = await frame.evaluate(() =>
    Array.from(document.querySelectorAll('ol.sr-only li')).map((n) => n.textContent),
  );
  const rejected = rows.findIndex((r) => r.includes('rejected at the end'));
  for (let i = 0; i <= rejected; i++) await canvas.press('ArrowDown');
  await frame.waitForFunction(() => document.querySelector('.details .promise dl') !== null);
}

/** What the page keeps for a restore, once it has nothing left to glide, draw or save. */
async function viewState(frame) {
  await frame.waitForFunction(() => window.promiseLensTimeline?.settled === true, null, { timeout: 30_000 });
  return frame.evaluate(() => {
    const { step, start, scale, promise, job, file } = window.promiseLensTimeline.viewState;
    return { step, start, scale, promise, job, file, label: document.querySelector('.step-label')?.textContent ?? '' };
  });
}

/** Reloads the window as "Developer: Reload Window" does, and waits for the workbench to be back. */
async function reloadWindow(wb) {
  const navigated = wb.page.waitForEvent('framenavigated', {
    predicate: (f) => f === wb.page.mainFrame(),
    timeout: 120_000,
  });
  await wb.runCommand('Developer: Reload Window');
  await navigated;
  await wb.ready();
}

/**
 * Where the toolbar's controls sit: one row when every control overlaps every other vertically; each
 * one shown (some size, inside the page), reachable by keyboard and named for a screen reader.
 */
async function readToolbar(frame) {
  return frame.evaluate(() => {
    const toolbar = document.querySelector('.toolbar');
    const controls = Array.from(toolbar.querySelectorAll('button, select, label.check, summary, .title')).map((e) => {
      const r = e.getBoundingClientRect();
      const focusable = e.matches('label') ? e.querySelector('input') : e;
      return {
        name: e.getAttribute('aria-label') || e.textContent.trim(),
        text: e.textContent.trim(),
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        width: r.width,
        keyboard: e.matches('.title') || focusable.tabIndex >= 0,
      };
    });
    const scrub = Array.from(
      document.querySelectorAll('.scrub button, .scrub select, .scrub input, .scrub .status'),
    ).map((e) => {
      const r = e.getBoundingClientRect();
      return {
        name: e.getAttribute('aria-label') || e.textContent.trim(),
        left: r.left,
        right: r.right,
        width: r.width,
      };
    });
    const tops = controls.map((c) => c.top);
    const bottoms = controls.map((c) => c.bottom);
    return {
      width: window.innerWidth,
      oneRow: Math.max(...tops) < Math.min(...bottoms),
      overflow: toolbar.scrollWidth > toolbar.clientWidth,
      controls,
      scrub,
    };
  });
}

/** Every control of the toolbar and the scrub row shown whole inside the page, reachable and named. */
function checkShown(bar) {
  const text = JSON.stringify(bar, null, 1);
  assert.ok(!bar.overflow, `nothing overflows the toolbar: ${text}`);
  for (const c of [...bar.controls, ...bar.scrub]) {
    assert.ok(c.width > 0 && c.left >= 0 && c.right <= bar.width + 0.5, `"${c.name}" shown: ${text}`);
    assert.ok(c.name, `every control named: ${text}`);
  }
  for (const c of bar.controls) assert.ok(c.keyboard, `"${c.name}" reachable by keyboard: ${text}`);
  // The file's name is cut, not gone: at least a few letters stay.
  const title = bar.controls.find((c) => c.name.startsWith('cart'));
  assert.ok(title && title.width >= 40, `the file's name shown: ${text}`);
}

const TOOLBAR_WORDS = [
  'Timeline',
  'Event loop',
  'Zoom out (-)',
  'Zoom in (+)',
  'Horizontal axis',
  'Node internals',
  'Legend',
];

/** Resizes the window until the timeline page is `width` px wide (the panel shares the window with the editor). */
async function sizePanel(wb, frame, width) {
  const inner = () => frame.evaluate(() => window.innerWidth);
  let windowWidth = wb.page.viewportSize().width;
  let panel = await inner();
  // The panel's share of a change of the window's width: about half beside an editor; measured as it goes.
  let share = 0.5;
  for (let i = 0; i < 8 && Math.abs(panel - width) > 1; i++) {
    const next = Math.round(Math.min(4000, Math.max(640, windowWidth + (width - panel) / share)));
    await wb.page.setViewportSize({ width: next, height: 900 });
    await frame.waitForFunction((w) => window.innerWidth !== w, panel, { timeout: 10_000 }).catch(() => undefined);
    await wb.page.waitForTimeout(300);
    const now = await inner();
    if (next !== windowWidth && (now - panel) / (next - windowWidth) > 0.05)
      share = (now - panel) / (next - windowWidth);
    windowWidth = next;
    panel = now;
  }
  return panel;
}

const isTimeline = async (f) => (await f.evaluate(() => document.querySelector('canvas.timeline') !== null)) === true;

describe('timeline panel in VS Code', function () {
  // code-server, a trace and the webview's first load, on a shared 2-core machine.
  this.timeout(420_000);
  let wb;
  let frame;
  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1600, height: 900 } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.screenshot('timeline-failed').catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
  });

  it('opens beside the editor after "Trace promises" and shows the cart example (light theme)', async () => {
    await wb.setTheme('Default Light Modern', 'light');
    await wb.openFile('cart-order-payment.js');
    await wb.runCommand('Promise Lens: Trace promises');
    frame = await wb.webviewFrame(
      async (f) => (await f.evaluate(() => document.documentElement.dataset.state)) === 'ready',
      300_000,
    );
    checkCart(await readPage(frame));
    await exercise(frame);
    const page = await readPage(frame);
    assert.match(page.step, /^13 \//);
    assert.match(page.promise, /Final staterejected/);
    // Why the running job ran then, as one sentence (its code words as <code>, all text).
    assert.match(
      page.now,
      /Why now: .*Promise #6 had already rejected when \.catch was called at step 10, so its handler was queued/,
    );
    // The page scrolls nothing itself: its toolbar stays in view however the details grow.
    assert.strictEqual(await frame.evaluate(() => document.scrollingElement.scrollTop), 0);
    // In a 1600x900 window, with the panel beside the editor: all 8 promise rows and the step's
    // details (the running job and why it runs now) in view without scrolling.
    const room = await frame.evaluate(() => {
      const canvas = document.querySelector('canvas.timeline').getBoundingClientRect();
      const lanes = document.querySelectorAll('.queues h3').length;
      const now = document.querySelector('.now').getBoundingClientRect();
      return { canvas: canvas.height, lanes, nowBottom: now.bottom, height: window.innerHeight };
    });
    // Axis, lanes (16 or 22 px each), console lane and header above the rows of 18 px.
    const laneHeight = room.canvas < 440 ? 16 : 22;
    const rowsShown = Math.floor((room.canvas - 20 - room.lanes * laneHeight - 16 - 20) / 18);
    assert.ok(rowsShown >= 8, `${rowsShown} promise rows in view: ${JSON.stringify(room)}`);
    assert.ok(room.nowBottom <= room.height, `the step's details in view: ${JSON.stringify(room)}`);
    await wb.clearNotifications();
    await wb.screenshot('timeline-light');
  });

  it("shows a reaction's handler in the editor when its link is clicked", async () => {
    // The selected promise is the rejected `new Promise`; its reject reaction is the `.catch` of line 31.
    const handler = frame.locator('.details .promise ul.reactions button.link', {
      hasText: 'at cart-order-payment.js:31',
    });
    // Stepping may have put the cursor on line 31 already: start from line 1.
    await wb.page.locator('.tabs-container .tab', { hasText: 'cart-order-payment.js' }).first().click();
    await wb.goToLine('1');
    await wb.page
      .locator('.statusbar-item', { hasText: /^Ln 1, Col 1$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await handler.first().click();
    await wb.page
      .locator('.statusbar-item', { hasText: /^Ln 31, Col 23$/ })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('re-reads its colours when the theme changes to dark', async () => {
    const before = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await wb.setTheme('Default Dark Modern', 'dark');
    await frame.waitForFunction((b) => getComputedStyle(document.body).backgroundColor !== b, before, {
      timeout: 30_000,
    });
    // The canvas is redrawn from the new variables (on the next frame, after the page's colours
    // change): its background pixel follows the page's.
    const sample = () => {
      const canvas = document.querySelector('canvas.timeline');
      const [r, g, b] = canvas.getContext('2d').getImageData(canvas.width - 1, canvas.height - 2, 1, 1).data;
      const page = getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number);
      return { canvas: [r, g, b], page, follows: [r, g, b].every((c, i) => Math.abs(c - page[i]) <= 8) };
    };
    await frame.waitForFunction(`(${sample})().follows`, null, { timeout: 10_000 }).catch(() => undefined);
    const pixels = await frame.evaluate(sample);
    const page = pixels.page;
    assert.ok(pixels.follows, JSON.stringify(pixels));
    assert.ok(page.reduce((a, b) => a + b, 0) < 3 * 100, `a dark background: ${pixels.page}`);
    await wb.screenshot('timeline-dark');
  });

  it("is drawn in the high-contrast theme's colours", async () => {
    const before = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await wb.setTheme('Default High Contrast', 'hc');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'), null, {
      timeout: 30_000,
    });
    await frame.waitForFunction((b) => getComputedStyle(document.body).backgroundColor !== b, before, {
      timeout: 30_000,
    });
    // The canvas is redrawn on the frame after the page's colours change.
    await frame
      .waitForFunction(
        () => {
          const canvas = document.querySelector('canvas.timeline');
          const corner = canvas.getContext('2d').getImageData(canvas.width - 1, canvas.height - 2, 1, 1).data;
          return `rgb(${corner[0]}, ${corner[1]}, ${corner[2]})` === getComputedStyle(document.body).backgroundColor;
        },
        null,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    const seen = await frame.evaluate(() => {
      const rgb = (c) => c.match(/\d+/g).slice(0, 3).map(Number);
      const canvas = document.querySelector('canvas.timeline');
      const ctx = canvas.getContext('2d');
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 7) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return {
        page: rgb(getComputedStyle(document.body).backgroundColor),
        text: rgb(getComputedStyle(document.body).color),
        corner: Array.from(ctx.getImageData(canvas.width - 1, canvas.height - 2, 1, 1).data.slice(0, 3)),
        colours: colours.size,
        palette: window.promiseLensTimeline ? undefined : 'no app',
      };
    });
    assert.deepStrictEqual(seen.page, [0, 0, 0], `the high-contrast background: ${JSON.stringify(seen)}`);
    assert.deepStrictEqual(seen.text, [255, 255, 255], `the high-contrast text: ${JSON.stringify(seen)}`);
    assert.deepStrictEqual(seen.corner, seen.page, 'the canvas redrawn on the new background');
    assert.ok(seen.colours >= 4, `lanes and promise rows drawn in several colours: ${JSON.stringify(seen)}`);
    // The selected promise's row (the rejected one, from the first test) is outlined, not filled: a filled
    // band in the theme's light selection colour left its white label unreadable.
    const gutter = await frame.evaluate(() => {
      const canvas = document.querySelector('canvas.timeline');
      const dpr = canvas.width / canvas.clientWidth;
      const column = canvas.getContext('2d').getImageData(Math.round(4 * dpr), 0, 1, canvas.height).data;
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--vscode-focusBorder').trim();
      const focus = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const background = Array.from(column.slice(0, 3));
      let run = 0;
      let longest = 0;
      let focusPixels = 0;
      for (let y = 0; y < column.length / 4; y++) {
        const px = Array.from(column.slice(y * 4, y * 4 + 3));
        const off = px.some((c, i) => Math.abs(c - background[i]) > 24);
        run = off ? run + 1 : 0;
        longest = Math.max(longest, run);
        if (px.every((c, i) => Math.abs(c - focus[i]) <= 24)) focusPixels++;
      }
      return { longest, focusPixels, focus: hex };
    });
    assert.ok(gutter.longest < 3, `no filled band in the gutter: ${JSON.stringify(gutter)}`);
    // What has not run yet is drawn at full strength (a veil over it dimmed the job labels out of contrast).
    const future = await frame.evaluate(() => {
      const canvas = document.querySelector('canvas.timeline');
      const dpr = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d');
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--vscode-focusBorder').trim();
      const focus = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const top = ctx.getImageData(0, Math.round(2 * dpr), canvas.width, 1).data;
      let cursor = -1;
      for (let x = Math.round(150 * dpr); x < canvas.width && cursor === -1; x++) {
        if ([0, 1, 2].every((i) => Math.abs(top[x * 4 + i] - focus[i]) <= 24)) cursor = x;
      }
      // The lanes: below the axis, down to the line the gutter draws above the promise rows.
      const from = cursor + Math.round(4 * dpr);
      const y0 = Math.round(21 * dpr);
      const gutter = ctx.getImageData(Math.round(2 * dpr), y0, 1, canvas.height - y0).data;
      let lanes = 0;
      while (lanes * 4 < gutter.length && gutter[lanes * 4] + gutter[lanes * 4 + 1] + gutter[lanes * 4 + 2] < 60)
        lanes++;
      const area = ctx.getImageData(from, y0, canvas.width - from, lanes).data;
      let brightest = 0;
      let at = -1;
      for (let i = 0; i < area.length; i += 4) {
        const v = Math.max(area[i], area[i + 1], area[i + 2]);
        if (v > brightest) [brightest, at] = [v, i / 4];
      }
      const w = canvas.width - from;
      return {
        cursor,
        lanes,
        brightest,
        x: from + (at % w),
        y: y0 + Math.floor(at / w),
        rgb: Array.from(area.slice(at * 4, at * 4 + 3)),
      };
    });
    assert.ok(future.cursor > 0 && future.lanes > 60, `the step cursor and the lanes found: ${JSON.stringify(future)}`);
    assert.ok(future.brightest >= 200, `full-strength job blocks after the cursor: ${JSON.stringify(future)}`);
    assert.ok(gutter.focusPixels >= 1, `the selected row outlined in the focus colour: ${JSON.stringify(gutter)}`);
    checkCart(await readPage(frame));
    await wb.screenshot('timeline-high-contrast');
    await frame.locator('body').screenshot({ path: join(resultsDir, 'timeline-high-contrast-panel.png') });
  });

  it('keeps the step, selection and zoom when hidden behind another editor and shown again', async () => {
    const canvas = frame.locator('canvas.timeline');
    await canvas.focus();
    await canvas.press('+');
    await canvas.press('ArrowRight');
    const before = await viewState(frame);
    assert.match(before.label, /^14 \//);
    const selected = (await readPage(frame)).promise;
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'Timeline: cart-order-payment.js' });
    await tab.click();
    await wb.openFile('notes.md'); // opens in the timeline's group, over it
    // Without retained context the hidden page is discarded; shown again it starts from its saved state.
    for (const deadline = Date.now() + 30_000; !frame.isDetached(); await wb.page.waitForTimeout(100)) {
      assert.ok(Date.now() < deadline, 'the hidden page was discarded');
    }
    await tab.click();
    frame = await wb.webviewFrame(
      async (f) =>
        (await isTimeline(f)) && (await f.evaluate(() => document.documentElement.dataset.state)) === 'ready',
      120_000,
    );
    const after = await viewState(frame);
    assert.deepStrictEqual(after, before);
    assert.strictEqual((await readPage(frame)).promise, selected);
  });

  it('keeps the step, selection and zoom across a window reload', async () => {
    const canvas = frame.locator('canvas.timeline');
    await canvas.focus();
    await canvas.press('+');
    await canvas.press('+');
    for (let i = 0; i < 3; i++) await canvas.press('ArrowRight');
    const before = await viewState(frame);
    assert.match(before.label, /^17 \//);
    assert.notStrictEqual(before.promise, null, 'a promise is selected');
    const selected = (await readPage(frame)).promise;
    assert.match(selected, /Final staterejected/);

    await reloadWindow(wb);
    frame = await wb.webviewFrame(
      async (f) =>
        (await isTimeline(f)) && (await f.evaluate(() => document.documentElement.dataset.state)) === 'ready',
      300_000,
    );
    const after = await viewState(frame);
    assert.strictEqual(after.label, before.label);
    assert.deepStrictEqual({ ...after, start: 0, scale: 0 }, { ...before, start: 0, scale: 0 });
    assert.ok(
      Math.abs(after.scale - before.scale) <= before.scale * 1e-6,
      `zoom kept: ${before.scale} → ${after.scale}`,
    );
    assert.ok(
      Math.abs(after.start - before.start) <= Math.max(1e-6, before.scale),
      `scroll kept: ${before.start} → ${after.start}`,
    );
    const page = await readPage(frame);
    assert.strictEqual(page.promise, selected, 'the same promise selected, with its internals');
    checkCart(page);
    await wb.screenshot('timeline-after-reload');
    await frame.locator('body').screenshot({ path: join(resultsDir, 'timeline-after-reload-panel.png') });
  });

  it('says the trace was not kept when its saved copy is gone, keeps the view state, and "Trace again" brings it back', async () => {
    const before = await viewState(frame);
    // The panel keeps the last trace in the workspace storage; without it a reload has only the view state.
    const storage = join(wb.server.userDataDir, 'User', 'workspaceStorage');
    const saved = readdirSync(storage, { recursive: true }).filter((p) =>
      String(p).endsWith('timeline-last-trace.json'),
    );
    assert.strictEqual(saved.length, 1, `one saved trace: ${saved.join(', ')}`);
    rmSync(join(storage, String(saved[0])));

    await reloadWindow(wb);
    frame = await wb.webviewFrame(
      async (f) =>
        (await isTimeline(f)) &&
        (await f.evaluate(
          () =>
            !document.querySelector('.empty-message')?.hidden && document.querySelector('.status')?.textContent !== '',
        )),
      300_000,
    );
    const message = 'The trace was not kept after the reload: Trace again.';
    const shown = await frame.evaluate(() => ({
      empty: document.querySelector('.empty-message')?.textContent,
      status: document.querySelector('.status')?.textContent,
    }));
    assert.deepStrictEqual(shown, { empty: message, status: message });
    const kept = await viewState(frame);
    assert.deepStrictEqual(kept, { ...before, label: '' }, 'the view state came back without the trace');
    await wb.screenshot('timeline-reload-not-kept');

    await frame.getByRole('button', { name: 'Run the file again and update this timeline' }).click();
    await frame.waitForFunction(() => document.querySelector('.empty-message')?.hidden === true, null, {
      timeout: 300_000,
    });
    const after = await viewState(frame);
    assert.strictEqual(after.label, before.label, 'the same step once traced again');
    assert.strictEqual(after.promise, before.promise);
    checkCart(await readPage(frame));
  });

  it('fits its toolbar in one row in a 900 px panel, "Trace again" and "Export…" included, and wraps it at 500 px', async () => {
    assert.strictEqual(await sizePanel(wb, frame, 900), 900, 'the panel made 900 px wide');
    const wide = await readToolbar(frame);
    const names = wide.controls.map((c) => c.name);
    const words = wide.controls.flatMap((c) => [c.name, c.text]);
    for (const word of [...TOOLBAR_WORDS, '↻ Trace again', 'Export trace'])
      assert.ok(words.includes(word), `"${word}" in the toolbar: ${words.join(' | ')}`);
    assert.ok(wide.oneRow, `one row at 900 px: ${JSON.stringify(wide, null, 1)}`);
    checkShown(wide);
    const wideCanvas = await canvasFitted(frame);
    await frame.locator('body').screenshot({ path: join(resultsDir, 'timeline-toolbar-900.png') });
    assert.strictEqual(await sizePanel(wb, frame, 500), 500, 'the panel made 500 px wide');
    const narrowCanvas = await canvasFitted(frame);
    assert.ok(narrowCanvas < wideCanvas && narrowCanvas <= 500, `refitted: ${wideCanvas} -> ${narrowCanvas} px`);
    const narrow = await readToolbar(frame);
    assert.ok(!narrow.oneRow, `wrapped at 500 px: ${JSON.stringify(narrow, null, 1)}`);
    assert.deepStrictEqual(
      narrow.controls.map((c) => c.name),
      names,
    );
    checkShown(narrow);
    await frame.locator('body').screenshot({ path: join(resultsDir, 'timeline-toolbar-500.png') });
    await wb.page.setViewportSize({ width: 1600, height: 900 });
  });
});

/** Waits until the timeline has redrawn for the panel's size (its pixels match its box); returns its width. */
async function canvasFitted(frame) {
  await frame.waitForFunction(
    () => {
      const canvas = document.querySelector('canvas.timeline');
      const shown = canvas.getBoundingClientRect().width;
      return canvas.width === Math.floor(shown * window.devicePixelRatio);
    },
    undefined,
    { timeout: 10_000 },
  );
  return frame.evaluate(() => document.querySelector('canvas.timeline').getBoundingClientRect().width);
}

describe('standalone timeline page', () => {
  let browser;
  let file;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    file = exportPage(join(repoRoot, 'examples/cart-order-payment.js'), join(resultsDir, 'timeline-cart.html'));
    browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(browser);
  });

  for (const scheme of ['light', 'dark']) {
    it(`renders the cart example offline (${scheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, colorScheme: scheme });
      const page = await context.newPage();
      const requests = [];
      const errors = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await openExportedPage(page, file);
      checkCart(await readPage(page));
      await exercise(page);
      assert.match(
        (await readPage(page)).now,
        /Why now: .*Promise #6 had already rejected/,
        'the exported page says why the job runs',
      );
      await page.screenshot({ path: join(resultsDir, `timeline-standalone-${scheme}.png`) });
      assert.deepStrictEqual(requests, [], 'no network');
      assert.deepStrictEqual(errors, [], 'no errors, CSP violations included');
      await context.close();
    });
  }

  it('fits its toolbar in one row at 900 px and wraps it at 500 px, every control shown', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await openExportedPage(page, file);
    const wide = await readToolbar(page);
    const names = wide.controls.map((c) => c.name);
    const words = wide.controls.flatMap((c) => [c.name, c.text]);
    for (const word of TOOLBAR_WORDS) assert.ok(words.includes(word), `"${word}" in the toolbar: ${words.join(' | ')}`);
    assert.ok(wide.oneRow, `one row at 900 px: ${JSON.stringify(wide, null, 1)}`);
    checkShown(wide);
    // The counts moved out of the toolbar to the scrub row, beside the step.
    assert.ok(
      wide.scrub.some((c) => /^8 promises · 12 jobs · 46 steps/.test(c.name)),
      JSON.stringify(wide.scrub),
    );
    await page.screenshot({ path: join(resultsDir, 'timeline-standalone-toolbar-900.png') });
    await page.setViewportSize({ width: 500, height: 700 });
    const narrow = await readToolbar(page);
    assert.ok(!narrow.oneRow, `wrapped at 500 px: ${JSON.stringify(narrow, null, 1)}`);
    assert.deepStrictEqual(
      narrow.controls.map((c) => c.name),
      names,
    );
    checkShown(narrow);
    await page.screenshot({ path: join(resultsDir, 'timeline-standalone-toolbar-500.png') });
    await page.close();
  });

  it('gives the full text of a job block and a promise row on hover, where the canvas cuts it', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await openExportedPage(page, file);
    const box = await page.locator('canvas.timeline').boundingBox();
    const titles = new Set();
    // The script lane is the first below the axis (20 px), the first promise row below the lanes.
    for (const y of [30, 176, 194]) {
      for (let x = 160; x < box.width; x += 10) {
        await page.mouse.move(box.x + x, box.y + y);
        titles.add(await page.locator('canvas.timeline').getAttribute('title'));
      }
    }
    const list = [...titles].filter(Boolean);
    assert.ok(list.includes('#1 main script · script'), list.join('\n'));
    assert.ok(
      list.some((t) => /^#\d+ (new|then) cart-order-payment\.js:\d+ · ended (fulfilled|rejected)/.test(t)),
      list.join('\n'),
    );
    await page.close();
  });

  it("shows the program's source beside the timeline, the line running at each step marked", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openExportedPage(page, file);
    const pane = page.locator('aside.source-pane');
    assert.equal(await pane.locator('.source-line').count(), 32, 'every line of cart-order-payment.js');
    const canvas = page.locator('canvas.timeline');
    await canvas.focus();
    await canvas.press('Home');
    const marked = [];
    for (let i = 0; i < 46; i++) {
      marked.push(
        await page.evaluate(() => ({
          now: document.querySelector('.now .current-job')?.textContent ?? '',
          line: document.querySelector('.source-line.current .source-number')?.textContent ?? null,
          caption: document.querySelector('.source-caption')?.textContent ?? '',
        })),
      );
      await canvas.press('ArrowRight');
    }
    const text = JSON.stringify(marked, null, 1);
    // The console lines' own console.log calls, as the editor highlight shows them in VS Code.
    assert.ok(
      marked.some((m) => m.line === '24' && /:24 prints$/.test(m.caption)),
      text,
    );
    assert.ok(
      marked.some((m) => m.line === '31' && /cart-order-payment\.js:31/.test(m.caption)),
      text,
    );
    assert.ok(
      marked.every((m) => m.line === null || /^cart-order-payment\.js:\d+/.test(m.caption)),
      text,
    );
    await page.screenshot({ path: join(resultsDir, 'timeline-standalone-source.png') });
    await page.close();
  });

  it('says a skipped reaction is skipped, not running', async () => {
    const page = await browser.newPage();
    const out = join(resultsDir, 'timeline-skipped.html');
    const program = join(resultsDir, 'timeline-skipped.js');
    writeFileSync(
      program,
      "Promise.resolve('v')\n  .then((v) => v)\n  .catch(function never() {})\n  .then((v) => console.log('after', v));\n",
    );
    await openExportedPage(page, exportPage(program, out));
    const canvas = page.locator('canvas.timeline');
    await canvas.focus();
    const seen = [];
    let now = '';
    for (let i = 0; i < 60 && !now.includes('.catch skipped'); i++) {
      await canvas.press('ArrowRight');
      now = await page.evaluate(() => document.querySelector('.now .current-job')?.textContent ?? '');
      seen.push(now);
    }
    assert.match(
      now,
      /^Skipped, no handler runs: #\d+ \.catch skipped: the chain fulfilled, value passed on to #\d+ in microtasks$/,
      seen.join('\n'),
    );
    assert.ok(
      seen.some((line) => /^Running: #\d+ then handler \(timeline-skipped\.js:2\)/.test(line)),
      seen.join('\n'),
    );
    await page.screenshot({ path: join(resultsDir, 'timeline-skipped.png') });
    await page.close();
  });

  it('keeps a value from the traced program inert', async () => {
    const page = await browser.newPage();
    const hostile = join(resultsDir, 'timeline-inert.html');
    const probe = join(resultsDir, 'timeline-inert.js');
    writeFileSync(
      probe,
      'console.log(\'</script><img src=x onerror="window.pwned=1"><script>window.pwned=2</script>\');\n',
    );
    await openExportedPage(page, exportPage(probe, hostile));
    const shown = await page.evaluate(() => ({
      pwned: window.pwned,
      text: document.querySelector('.console-lines li .text')?.textContent,
      imgs: document.images.length,
    }));
    assert.strictEqual(shown.pwned, undefined);
    assert.strictEqual(shown.imgs, 0);
    assert.match(shown.text, /<img src=x onerror=/);
    await page.close();
  });
});
