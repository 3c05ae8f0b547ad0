// The event-loop view in a real VS Code (light, dark and high contrast, and after a window reload) and in
// the exported standalone page, on examples/microtasks-before-timers.js. Screenshots go to
// test-results/loop-view-*.png: look at them.
// page.evaluate bodies run in the browser:
/* global document, window, getComputedStyle */
import * as assert from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exportPage, openExportedPage, openWorkbench, resultsDir } from './workbench.mjs';
import { launchBrowser, closeBrowser, repoRoot } from '../editor/launch.mjs';

const FILE = 'microtasks-before-timers.js';

/** The event-loop view as shown: the stack, each queue's items, the console and the why sentence. */
async function readLoop(frame) {
  return frame.evaluate(() => {
    const texts = (root, sel) => Array.from(root.querySelectorAll(sel), (n) => n.textContent.trim());
    const view = document.querySelector('.loop-view');
    return {
      shown: view !== null && !view.hidden,
      pressed: document.querySelector('.view-toggle button[aria-pressed="true"]')?.textContent ?? '',
      stack: texts(view, '.loop-stack li[data-job]'),
      queues: Object.fromEntries(
        Array.from(view.querySelectorAll('.loop-queues .loop-box'), (box) => [
          box.getAttribute('data-queue'),
          texts(box, 'li[data-job]'),
        ]),
      ),
      console: texts(view, '.loop-console li .text'),
      why: view.querySelector('.loop-now .why')?.textContent ?? '',
      step: document.querySelector('.step-label')?.textContent ?? '',
    };
  });
}

/** Switches to the event-loop view with its toolbar button and steps with the keyboard to "2: script end". */
async function showScriptEnd(frame) {
  await frame.getByRole('button', { name: /Show the event loop/ }).click();
  const view = frame.locator('.loop-view');
  await view.waitFor({ state: 'visible' });
  await frame.evaluate(() => document.querySelector('.loop-view').focus());
  await view.press('Home');
  for (let i = 0; i < 40; i++) {
    const seen = await readLoop(frame);
    if (seen.console.at(-1) === '2: script end') return seen;
    await view.press('ArrowRight');
  }
  throw new Error('never reached the end of the script');
}

function checkScriptEnd(seen) {
  assert.ok(seen.shown, 'the event-loop view is shown');
  assert.strictEqual(seen.pressed, 'Event loop');
  assert.match(seen.stack.join('|'), /^#\d+ main script$/);
  assert.deepStrictEqual(Object.keys(seen.queues), ['nextTick', 'microtasks', 'timers', 'immediates', 'I/O']);
  assert.match(seen.queues.nextTick.join(), /^#\d+ process\.nextTick \(microtasks-before-timers\.js:14\)$/);
  assert.match(seen.queues.microtasks.join(), /^#\d+ then handler \(microtasks-before-timers\.js:9\)$/);
  assert.match(seen.queues.timers.join(), /^#\d+ setTimeout 0 ms \(microtasks-before-timers\.js:6\) · due ≈ /);
  assert.match(seen.queues.immediates.join(), /^#\d+ setImmediate \(microtasks-before-timers\.js:7\)$/);
  assert.deepStrictEqual(seen.queues['I/O'], []);
  assert.deepStrictEqual(seen.console, ['1: script start', '2: script end']);
  assert.match(seen.why, /^Why now: The script runs first/);
}

/** Counts the slides the page starts (Element.animate), however short they are. */
async function countSlides(page) {
  await page.evaluate(() => {
    window.slides = 0;
    const animate = window.Element.prototype.animate;
    window.Element.prototype.animate = function (...args) {
      window.slides++;
      return animate.apply(this, args);
    };
  });
  return () => page.evaluate(() => window.slides);
}

/** One more step at a time until the tick runs: its element leaves the nextTick box for the stack. */
async function stepIntoTick(frame) {
  const view = frame.locator('.loop-view');
  for (let i = 0; i < 6; i++) {
    await view.press('ArrowRight');
    const seen = await readLoop(frame);
    if (seen.stack.some((s) => s.includes('process.nextTick'))) return seen;
  }
  throw new Error('the tick never ran');
}

/** Waits for the slides to end, so a screenshot shows the boxes at rest. */
async function still(frame) {
  await frame.waitForFunction(() => document.getAnimations().length === 0, null, { timeout: 10_000 });
}

/** The colours the view is drawn in, from the page's computed styles. */
async function colours(frame) {
  return frame.evaluate(() => {
    const rgb = (c) => c.match(/\d+/g).slice(0, 3).map(Number);
    const view = document.querySelector('.loop-view');
    const running = document.querySelector('.loop-item.running button');
    const waiting = document.querySelector('.loop-queues .loop-item button');
    return {
      body: rgb(getComputedStyle(document.body).backgroundColor),
      view: rgb(getComputedStyle(view).backgroundColor),
      text: rgb(getComputedStyle(view).color),
      running: rgb(getComputedStyle(running).borderLeftColor),
      waiting: waiting ? rgb(getComputedStyle(waiting).borderLeftColor) : null,
      blue: getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue').trim(),
    };
  });
}

const isLoopPage = async (f) =>
  (await f.evaluate(() => document.querySelector('.loop-view') !== null && document.documentElement.dataset.state)) ===
  'ready';

describe('event-loop view in VS Code', function () {
  this.timeout(420_000);
  let wb;
  let frame;
  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1600, height: 900 } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.screenshot('loop-view-failed').catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the call stack, the queues, the console and why now (light theme)', async () => {
    await wb.setTheme('Default Light Modern', 'light');
    await wb.openFile(FILE);
    await wb.runCommand('Promise Lens: Trace promises');
    frame = await wb.webviewFrame(isLoopPage, 300_000);
    checkScriptEnd(await showScriptEnd(frame));
    const light = await colours(frame);
    assert.deepStrictEqual(light.view, light.body, 'the view on the theme background');
    assert.ok(light.body.reduce((a, b) => a + b, 0) > 3 * 180, `a light background: ${light.body}`);
    assert.notDeepStrictEqual(light.running, light.waiting, 'running and waiting told apart by colour');
    await wb.clearNotifications();
    await still(frame);
    await wb.screenshot('loop-view-light');
    const tick = await stepIntoTick(frame);
    assert.deepStrictEqual(tick.queues.nextTick, []);
    await still(frame);
    await frame.locator('body').screenshot({ path: join(resultsDir, 'loop-view-light-panel.png') });
  });

  it('follows the dark theme', async () => {
    const before = await colours(frame);
    await wb.setTheme('Default Dark Modern', 'dark');
    await frame.waitForFunction(
      (b) => getComputedStyle(document.body).backgroundColor !== b,
      `rgb(${before.body.join(', ')})`,
      {
        timeout: 30_000,
      },
    );
    const dark = await colours(frame);
    assert.deepStrictEqual(dark.view, dark.body);
    assert.ok(dark.body.reduce((a, b) => a + b, 0) < 3 * 100, `a dark background: ${dark.body}`);
    assert.ok(dark.text.reduce((a, b) => a + b, 0) > 3 * 150, `light text: ${dark.text}`);
    await still(frame);
    await wb.screenshot('loop-view-dark');
  });

  it("is drawn in the high-contrast theme's colours", async () => {
    await wb.setTheme('Default High Contrast', 'hc');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'), null, {
      timeout: 30_000,
    });
    await frame.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)', null, {
      timeout: 30_000,
    });
    const hc = await colours(frame);
    assert.deepStrictEqual(hc.view, [0, 0, 0]);
    assert.deepStrictEqual(hc.text, [255, 255, 255]);
    const border = await frame.evaluate(() => getComputedStyle(document.querySelector('.loop-box')).borderTopColor);
    assert.notStrictEqual(border, 'rgba(0, 0, 0, 0)', 'boxes outlined in the contrast border');
    await still(frame);
    await wb.screenshot('loop-view-high-contrast');
    await frame.locator('body').screenshot({ path: join(resultsDir, 'loop-view-high-contrast-panel.png') });
  });

  it('comes back in the event-loop view at the same step after a window reload', async () => {
    const before = await readLoop(frame);
    await frame.waitForFunction(() => window.promiseLensTimeline?.settled === true, null, { timeout: 30_000 });
    const navigated = wb.page.waitForEvent('framenavigated', {
      predicate: (f) => f === wb.page.mainFrame(),
      timeout: 120_000,
    });
    await wb.runCommand('Developer: Reload Window');
    await navigated;
    await wb.ready();
    frame = await wb.webviewFrame(isLoopPage, 300_000);
    await frame.waitForFunction(() => document.querySelector('.loop-view')?.hidden === false, null, {
      timeout: 120_000,
    });
    const after = await readLoop(frame);
    assert.deepStrictEqual(after, before);
    // The view's own keys step it once restored.
    await frame.evaluate(() => document.querySelector('.loop-view').focus());
    await frame.locator('.loop-view').press('ArrowRight');
    assert.notStrictEqual((await readLoop(frame)).step, before.step);
  });
});

describe('event-loop view in the standalone page', () => {
  let browser;
  let file;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    file = exportPage(join(repoRoot, 'examples', FILE), join(resultsDir, 'loop-view.html'));
    browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(browser);
  });

  for (const scheme of ['light', 'dark']) {
    it(`works offline and slides jobs between boxes (${scheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, colorScheme: scheme });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await openExportedPage(page, file);
      checkScriptEnd(await showScriptEnd(page));
      // A step that moves a job plays its slide.
      const slides = await countSlides(page);
      const tick = await stepIntoTick(page);
      assert.deepStrictEqual(tick.queues.nextTick, []);
      assert.ok((await slides()) > 0, 'a job slides when it moves');
      await page.waitForFunction(() => document.getAnimations().length === 0);
      await page.screenshot({ path: join(resultsDir, `loop-view-standalone-${scheme}.png`) });
      assert.deepStrictEqual(errors, [], 'no errors, CSP violations included');
      await context.close();
    });
  }

  it("goes to a waiting job's step from its button, keeping the keyboard on that job", async () => {
    const page = await browser.newPage();
    await openExportedPage(page, file);
    await showScriptEnd(page);
    const handler = page.locator('.loop-queues .loop-box[data-queue="microtasks"] li[data-job] button');
    const id = await handler.evaluate((b) => b.closest('li').dataset.job);
    await handler.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((job) => document.querySelector(`.loop-stack li[data-job="${job}"]`) !== null, id, {
      timeout: 10_000,
    });
    const focus = await page.evaluate(() => ({
      job: document.activeElement?.closest('li')?.dataset.job,
      inStack: document.activeElement?.closest('.loop-stack') !== null,
    }));
    assert.deepStrictEqual(focus, { job: id, inStack: true });
    const seen = await readLoop(page);
    assert.match(seen.stack.join(), /^#\d+ then handler /);
    assert.deepStrictEqual(seen.console.at(-1), '3: nextTick', 'the tick ran before the promise job');
    await page.close();
  });

  it('hides the zoom controls in the event-loop view and brings the timeline back at the same step', async () => {
    const page = await browser.newPage();
    await openExportedPage(page, file);
    const zoomIn = page.getByRole('button', { name: 'Zoom in (+)' });
    assert.ok(await zoomIn.isVisible(), 'zoom shown with the timeline');
    const inLoop = await showScriptEnd(page);
    assert.strictEqual(await zoomIn.isVisible(), false, 'no zoom in the event-loop view');
    assert.strictEqual(await page.locator('canvas.timeline').isVisible(), false, 'the timeline is covered');
    await page.getByRole('button', { name: /Show the timeline/ }).click();
    assert.ok(await zoomIn.isVisible());
    assert.ok(await page.locator('canvas.timeline').isVisible());
    assert.strictEqual(await page.locator('.loop-view').isVisible(), false);
    assert.strictEqual(await page.locator('.step-label').textContent(), inLoop.step, 'the same step');
    assert.strictEqual(await page.locator('.view-toggle button[aria-pressed="true"]').textContent(), 'Timeline');
    await page.close();
  });

  it('moves without sliding under reduced motion', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await openExportedPage(page, file);
    await showScriptEnd(page);
    const slides = await countSlides(page);
    const tick = await stepIntoTick(page);
    assert.deepStrictEqual(tick.queues.nextTick, [], 'the tick moved all the same');
    assert.strictEqual(await slides(), 0);
    await context.close();
  });
});
