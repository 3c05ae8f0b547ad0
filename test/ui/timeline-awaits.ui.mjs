// An async function's awaits on its own row, in the exported timeline page (the panel's page):
// one row per promise the learner made, the promises V8 made for each `await` drawn on the function's
// row. Screenshot: test-results/timeline-awaits.png: look at it.
// page.evaluate bodies run in the browser:
/* global document, window */
import * as assert from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPage, openExportedPage, resultsDir } from './workbench.mjs';
import { launchBrowser, closeBrowser } from '../editor/launch.mjs';

// Two awaits in one function: of a promise (a timer) and of a plain value. The learner made three
// promises: load()'s, the `new Promise` and the `.then`; V8 made three more for the awaits.
const PROGRAM = `async function load() {
  const a = await fetchA();
  const b = await 2;
  console.log('sum', a + b);
  return a + b;
}
function fetchA() {
  return new Promise((resolve) => setTimeout(() => resolve(1), 5));
}
load().then((v) => console.log('done', v));
`;

const rowsOf = (page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('ol.sr-only li')).map((n) => n.textContent));

describe('timeline: awaits on their async function row', () => {
  let browser;
  let file;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    const program = join(resultsDir, 'timeline-awaits.js');
    writeFileSync(program, PROGRAM);
    file = exportPage(program, join(resultsDir, 'timeline-awaits.html'));
    browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(browser);
  });

  it('shows one row per promise the learner made, the two awaits on the async function row', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openExportedPage(page, file);
    const rows = await rowsOf(page);
    assert.strictEqual(rows.length, 3, rows.join('\n'));
    assert.match(rows[0], /^promise #1 async at timeline-awaits\.js:10: .*, 2 awaits/, rows.join('\n'));
    assert.match(rows[1], /^promise #2 new at timeline-awaits\.js:8/, rows.join('\n'));
    assert.match(rows[2], /^promise #\d+ then at timeline-awaits\.js:10/, rows.join('\n'));
    assert.ok(!rows.some((r) => / await /.test(r.split(':')[0])), rows.join('\n'));
    const status = await page.evaluate(() => document.querySelector('.status')?.textContent ?? '');
    assert.match(status, /^3 promises · 2 awaits · \d+ jobs · \d+ steps/, status);

    // Step to where load() waits on its first await: its row says so, and the details list both awaits.
    const canvas = page.locator('canvas.timeline');
    await canvas.focus();
    for (let i = 0; i < 5; i++) await canvas.press('ArrowRight');
    await canvas.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.details .promise dl') !== null);
    const waiting = (await rowsOf(page))[0];
    assert.match(
      waiting,
      /stopped at await at timeline-awaits\.js:2 \(step 5\) waited for #2 new timeline-awaits\.js:8; resumed at step 11$/,
      waiting,
    );
    const awaits = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.details ol.awaits li')).map((n) => n.textContent),
    );
    assert.deepStrictEqual(awaits, [
      'await at timeline-awaits.js:2 waited for #2 new timeline-awaits.js:8; resumed at step 11 (stopped here now)',
      'await at timeline-awaits.js:3 waited for the value 2; resumed at step 17',
    ]);
    await page.screenshot({ path: join(resultsDir, 'timeline-awaits.png') });

    // Hovering the row where load() is stopped at its first await names that await.
    const box = await canvas.boundingBox();
    const titles = [];
    const top = await page.evaluate(() => window.promiseLensTimeline.rowsTop);
    for (let x = 160; x < box.width - 10 && !titles.some((t) => t.includes('\nawait at')); x += 5) {
      await page.mouse.move(box.x + x, box.y + top + 9);
      titles.push(await canvas.getAttribute('title'));
    }
    const title = titles.find((t) => t.includes('\nawait at')) ?? titles.join(' | ');
    assert.match(
      title,
      /^#1 async timeline-awaits\.js:10 · ended fulfilled: 3\nawait at timeline-awaits\.js:2 \(step 5\) waited for #2 new timeline-awaits\.js:8; resumed at step 11$/,
    );

    // The reaction of #2 resumes load(), the row the await's own promise is drawn on.
    await canvas.press('ArrowDown');
    const promise = await page.evaluate(() => document.querySelector('.details .promise')?.textContent ?? '');
    assert.match(promise, /await continuation at timeline-awaits\.js:2 → resumes #1 async/, promise);
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
});
