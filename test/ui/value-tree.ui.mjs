// A settled value unfolded in the timeline's details: the Promise.allSettled results of a program,
// on the timeline page in Chromium (the page the panel shows), opened with the keyboard.
// The screenshot goes to test-results/value-tree-allsettled.png: look at it.
// page.evaluate bodies run in the browser:
/* global document */
import * as assert from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPage, openExportedPage, resultsDir } from './workbench.mjs';
import { launchBrowser, closeBrowser } from '../editor/launch.mjs';

const PROGRAM = `const user = Promise.resolve('user');
const orders = Promise.reject(new Error('orders down', { cause: new Error('db timeout') }));
const prefs = Promise.resolve(new Map([['theme', 'dark'], ['langs', ['en', 'fr']]]));
Promise.allSettled([user, orders, prefs]).then((results) => console.log(results.length));
`;

describe('value tree in the timeline details', () => {
  let browser;
  let file;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    const program = join(resultsDir, 'value-tree.js');
    writeFileSync(program, PROGRAM);
    file = exportPage(program, join(resultsDir, 'value-tree.html'));
    browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(browser);
  });

  it('shows each allSettled result with its status and value or reason, and unfolds with the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, colorScheme: 'dark' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openExportedPage(page, file);
    const canvas = page.locator('canvas.timeline');
    await canvas.focus();
    // Down through the promise rows until the allSettled one is selected.
    for (let i = 0; i < 20; i++) {
      await canvas.press('ArrowDown');
      const title = await page.evaluate(() => document.querySelector('.details .promise-title')?.textContent ?? '');
      if (title.includes('allSettled')) break;
    }
    const tree = page.locator('.details .value-tree');
    await tree.waitFor();
    // The lines a person sees: those inside closed branches are not shown.
    const read = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.details .value-tree li'))
          .map((li) => li.querySelector(':scope > .value-line, :scope > details > summary'))
          .filter((n) => n !== null && n.checkVisibility())
          .map((n) => n.textContent),
      );
    const lines = await read();
    // Open at the top: the array's label, then one line per result with its status and value or reason.
    assert.deepStrictEqual(lines.slice(0, 4), [
      'Array(3)',
      "0: { status: 'fulfilled', value: 'user' }",
      "1: { status: 'rejected', reason: Error: orders down { [cause]: Error: db timeout } }",
      "2: { status: 'fulfilled', value: Map(2) { 'theme' => 'dark', 'langs' => [ 'en', 'fr' ] } }",
    ]);
    // Tab to the second result's summary and open it with Enter: its fields unfold.
    const second = tree.locator('summary').nth(2);
    await second.focus();
    await page.keyboard.press('Enter');
    const opened = await read();
    assert.ok(opened.includes("status: 'rejected'"), opened.join('\n'));
    assert.ok(opened.includes('reason: Error: orders down { [cause]: Error: db timeout }'), opened.join('\n'));
    const third = tree.locator('summary').nth(4);
    await third.focus();
    await page.keyboard.press('Space');
    await page.screenshot({ path: join(resultsDir, 'value-tree-allsettled.png') });
    await page.locator('.details').screenshot({ path: join(resultsDir, 'value-tree-allsettled-details.png') });
    assert.deepStrictEqual(errors, []);
    await context.close();
  });
});
