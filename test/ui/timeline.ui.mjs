// The timeline panel in a real VS Code, in a light and a dark theme, and the exported standalone page in
// Chromium, rendering the cart example. Screenshots go to test-results/timeline-*.png: look at them.
// page.evaluate bodies run in the browser:
/* global document, window */
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

describe('timeline panel in VS Code', () => {
  for (const [theme, name] of [
    ['Default Light Modern', 'light'],
    ['Default Dark Modern', 'dark'],
  ]) {
    describe(`${name} theme`, function () {
      // Two editors, each starting code-server, tracing and loading the webview on a shared 2-core machine.
      this.timeout(420_000);
      let wb;
      before(async () => {
        wb = await openWorkbench({ viewport: { width: 1600, height: 900 }, settings: { 'workbench.colorTheme': theme } });
      });
      afterEach(async function () {
        if (this.currentTest?.state === 'failed' && wb) await wb.screenshot(`timeline-${name}-failed`).catch(() => undefined);
      });
      after(async () => {
        await wb?.close();
      });

      it('opens beside the editor after "Trace promises" and shows the cart example', async () => {
        await wb.openFile('cart-order-payment.js');
        await wb.runCommand('Promise Lens: Trace promises');
        const frame = await wb.webviewFrame(
          async (f) => (await f.evaluate(() => document.documentElement.dataset.state)) === 'ready',
          300_000,
        );
        checkCart(await readPage(frame));
        await exercise(frame);
        const page = await readPage(frame);
        assert.match(page.step, /^13 \//);
        assert.match(page.promise, /Final staterejected/);
        // The editor beside it highlights the line of the step (the debugger's stack-frame colour).
        await wb.page.locator('.monaco-editor .view-overlays > div > div[class*="ced-"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
        await wb.screenshot(`timeline-${name}`);
      });
    });
  }
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
