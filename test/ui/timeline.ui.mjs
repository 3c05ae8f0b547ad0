// The timeline panel in a real VS Code, in a light and a dark theme, and the exported standalone page in
// Chromium, rendering the cart example. Screenshots go to test-results/timeline-*.png: look at them.
// page.evaluate bodies run in the browser:
/* global document, window, getComputedStyle */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openWorkbench, resultsDir } from './workbench.mjs';
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
  for (const lane of LANES) assert.ok(page.queues.some((q) => q.startsWith(`${lane} —`)), `lane ${lane}: ${page.queues.join(' | ')}`);
  for (const line of CART_LINES) assert.ok(page.console.includes(line), `console line "${line}": ${page.console.join(' | ')}`);
  assert.ok(page.rows.some((r) => r.includes('rejected at the end')), page.rows.join('\n'));
  assert.ok(page.rows.some((r) => r.includes('fulfilled at the end')), page.rows.join('\n'));
}

/** Steps into the run and selects the rejected promise, so the screenshot shows queues and internals. */
async function exercise(frame) {
  const canvas = frame.locator('canvas.timeline');
  await canvas.focus();
  for (let i = 0; i < 12; i++) await canvas.press('ArrowRight');
  const rows = await frame.evaluate(() => Array.from(document.querySelectorAll('ol.sr-only li')).map((n) => n.textContent));
  const rejected = rows.findIndex((r) => r.includes('rejected at the end'));
  for (let i = 0; i <= rejected; i++) await canvas.press('ArrowDown');
  await frame.waitForFunction(() => document.querySelector('.details .promise dl') !== null);
}

/** Sets the colour theme through the workspace settings (VS Code applies them live) and waits for it. */
async function setTheme(wb, theme, dark) {
  mkdirSync(join(wb.workspace, '.vscode'), { recursive: true });
  writeFileSync(join(wb.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': theme }));
  await wb.page.locator(dark ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 60_000 });
}

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
    await setTheme(wb, 'Default Light Modern', false);
    await wb.openFile('cart-order-payment.js');
    await wb.runCommand('Promise Lens: Trace promises');
    frame = await wb.webviewFrame(async (f) => (await f.evaluate(() => document.documentElement.dataset.state)) === 'ready', 300_000);
    checkCart(await readPage(frame));
    await exercise(frame);
    const page = await readPage(frame);
    assert.match(page.step, /^13 \//);
    assert.match(page.promise, /Final staterejected/);
    // The page scrolls nothing itself: its toolbar stays in view however the details grow.
    assert.strictEqual(await frame.evaluate(() => document.scrollingElement.scrollTop), 0);
    await wb.screenshot('timeline-light');
  });

  it('re-reads its colours when the theme changes to dark', async () => {
    const before = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await setTheme(wb, 'Default Dark Modern', true);
    await frame.waitForFunction((b) => getComputedStyle(document.body).backgroundColor !== b, before, { timeout: 30_000 });
    // The canvas is redrawn from the new variables: its background pixel follows the page's.
    const pixels = await frame.evaluate(() => {
      const canvas = document.querySelector('canvas.timeline');
      const [r, g, b] = canvas.getContext('2d').getImageData(canvas.width - 1, canvas.height - 2, 1, 1).data;
      return { canvas: [r, g, b], page: getComputedStyle(document.body).backgroundColor };
    });
    const page = pixels.page.match(/\d+/g).slice(0, 3).map(Number);
    assert.ok(pixels.canvas.every((c, i) => Math.abs(c - page[i]) <= 8), JSON.stringify(pixels));
    assert.ok(page.reduce((a, b) => a + b, 0) < 3 * 100, `a dark background: ${pixels.page}`);
    await wb.screenshot('timeline-dark');
  });
});

describe('standalone timeline page', () => {
  let browser;
  let file;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    file = join(resultsDir, 'timeline-cart.html');
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'trace', join(repoRoot, 'examples/cart-order-payment.js'), '--format', 'html', '--out', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.strictEqual(run.status, 0, run.stderr);
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
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
      checkCart(await readPage(page));
      await exercise(page);
      await page.screenshot({ path: join(resultsDir, `timeline-standalone-${scheme}.png`) });
      assert.deepStrictEqual(requests, [], 'no network');
      assert.deepStrictEqual(errors, [], 'no errors, CSP violations included');
      await context.close();
    });
  }

  it('keeps a value from the traced program inert', async () => {
    const page = await browser.newPage();
    const hostile = join(resultsDir, 'timeline-inert.html');
    const probe = join(resultsDir, 'timeline-inert.js');
    writeFileSync(probe, "console.log('</script><img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>');\n");
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'trace', probe, '--format', 'html', '--out', hostile], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    await page.goto(pathToFileURL(hostile).href);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
    const shown = await page.evaluate(() => ({ pwned: window.pwned, text: document.querySelector('.console-lines li .text')?.textContent, imgs: document.images.length }));
    assert.strictEqual(shown.pwned, undefined);
    assert.strictEqual(shown.imgs, 0);
    assert.match(shown.text, /<img src=x onerror=/);
    await page.close();
  });
});
