// "Predict the Order" in a real VS Code: from the editor's context menu to the shuffled lines, ordered
// with the keyboard and by drag, revealed, tried again and opened in the timeline. Screenshots go to
// test-results/predict-*.png: look at them.
/* global document */
import * as assert from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from './workbench.mjs';

const PRINTED = [
  'script starts',
  'script ends',
  'nextTick',
  'first then',
  'queueMicrotask',
  'after await',
  'second then',
  'timeout 0 ms',
  'then inside the timer',
  'timeout 10 ms',
];

/** The lines as the page shows them now, top to bottom. */
const shownLines = (frame) =>
  frame.evaluate(() => Array.from(document.querySelectorAll('li.line .text')).map((n) => n.textContent));

/** Moves the lines into `target` order with Alt+Up only, as a keyboard user would. */
async function orderByKeyboard(frame, target) {
  for (let place = 0; place < target.length; place++) {
    const lines = await shownLines(frame);
    let at = lines.indexOf(target[place]);
    if (at === place) continue;
    await frame.locator('li.line').nth(at).focus();
    while (at > place) {
      await frame.page().keyboard.press('Alt+ArrowUp');
      at--;
    }
  }
  assert.deepStrictEqual(await shownLines(frame), target);
}

describe('Predict the Order', function () {
  this.timeout(420_000);
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1600, height: 1000 } });
  });
  after(async () => {
    await wb?.close();
  });

  it('orders the shuffled lines by keyboard and drag, reveals right and wrong, tries again, opens the timeline', async () => {
    await wb.openFile('predict-order.js');
    const items = await wb.editorContextMenu();
    assert.ok(items.includes('Predict the Order'), `menu items: ${items.join(' | ')}`);
    await wb.menuItem('Predict the Order').click();

    const frame = await wb.webviewFrame(
      (f) => f.evaluate(() => document.querySelectorAll('li.line').length === 10),
      120_000,
    );
    const first = await shownLines(frame);
    assert.deepStrictEqual([...first].sort(), [...PRINTED].sort());
    assert.notDeepStrictEqual(first, PRINTED, 'the page starts shuffled');
    const labels = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('li.line')).map((li) => li.getAttribute('aria-label')),
    );
    assert.match(labels[0], /^1 of 10: .+\. Alt\+Up or Alt\+Down moves it\.$/);
    // No timeline tab: it would show the console.
    assert.strictEqual(await wb.page.locator('.tab', { hasText: 'Timeline: predict-order.js' }).count(), 0);
    await wb.screenshot('predict-before');

    // Alt+Down moves the focused line one place down, keeps the focus on it and says so.
    await frame.locator('li.line').first().focus();
    await wb.page.keyboard.press('Alt+ArrowDown');
    assert.deepStrictEqual((await shownLines(frame)).slice(0, 2), [first[1], first[0]]);
    const focus = await frame.evaluate(() => document.activeElement?.querySelector('.text')?.textContent);
    assert.strictEqual(focus, first[0]);
    const said = await frame.evaluate(() => document.querySelector('.sr-only[aria-live]')?.textContent);
    assert.strictEqual(said, `Moved ${first[0]} to place 2 of 10.`);

    // A drag puts the dragged line where it is dropped.
    const before = await shownLines(frame);
    await frame
      .locator('li.line')
      .nth(0)
      .dragTo(frame.locator('li.line').nth(2), { targetPosition: { x: 40, y: 30 } });
    const dragged = await shownLines(frame);
    assert.deepStrictEqual(dragged, [before[1], before[2], before[0], ...before.slice(3)]);

    // A learner's usual slip: the 0 ms timer before the second `.then`, which in fact waits for no timer.
    const answer = [...PRINTED];
    answer.splice(answer.indexOf('timeout 0 ms'), 1);
    answer.splice(answer.indexOf('second then'), 0, 'timeout 0 ms');
    await orderByKeyboard(frame, answer);
    await frame.getByRole('button', { name: 'Reveal the order the program printed' }).click();
    await frame.locator('.result').waitFor();
    const marks = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('li.line')).map((li) => [
        li.querySelector('.text')?.textContent,
        li.querySelector('.mark')?.textContent,
        li.querySelector('.where')?.textContent,
        li.querySelector('.why')?.textContent,
      ]),
    );
    const wrong = marks.filter((m) => m[1] === '✗ Wrong').map((m) => m[0]);
    assert.deepStrictEqual(wrong, ['timeout 0 ms', 'second then']);
    assert.strictEqual(await frame.locator('.result').textContent(), '8 of 10 lines are in the right place.');
    const timer = marks.find((m) => m[0] === 'timeout 0 ms');
    assert.match(timer[2], /^Printed 8th of 10, at step \d+ \(job: setTimeout 0 ms\)\.$/);
    assert.match(timer[3], /^Why now: Timers phase/);
    const tick = marks.find((m) => m[0] === 'nextTick');
    assert.match(tick[3], /^Why now: The script finished and the call stack is empty/);
    assert.strictEqual(await frame.locator('.intro').isHidden(), true, 'the ordering instructions are gone');
    // The reveal moves the focus to the result, above the marked lines.
    assert.strictEqual(await frame.evaluate(() => document.activeElement?.className), 'result');
    await wb.screenshot('predict-after');
    await frame.locator('li.line', { hasText: 'second then' }).scrollIntoViewIfNeeded();
    await wb.screenshot('predict-after-wrong-lines');

    // Hidden behind another editor in its group and shown again, the page keeps the answer and its marks.
    await frame.locator('li.line').first().click();
    await wb.openFile('notes.md');
    // notes.md opened in the panel's own group: the predict tab is there, not active, its page discarded.
    const predictTab = wb.page.locator('.tab', { hasText: 'Predict: predict-order.js' });
    assert.strictEqual(await predictTab.getAttribute('aria-selected'), 'false');
    await predictTab.click();
    const restored = await wb.webviewFrame(
      (f) => f.evaluate(() => document.querySelectorAll('li.line .mark').length === 10),
      60_000,
    );
    assert.deepStrictEqual(await shownLines(restored), answer);
    assert.strictEqual(await restored.locator('.result').textContent(), '8 of 10 lines are in the right place.');

    // Dark theme: marks and borders come from the theme.
    mkdirSync(join(wb.workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(wb.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }),
    );
    await wb.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 60_000 });
    await restored.locator('li.line', { hasText: 'second then' }).scrollIntoViewIfNeeded();
    await wb.screenshot('predict-after-dark');

    // Try again: shuffled anew, nothing marked.
    await restored.getByRole('button', { name: 'Shuffle the lines again and start over' }).click();
    await restored.locator('.result').waitFor({ state: 'detached' });
    assert.strictEqual(await restored.locator('li.line .mark').count(), 0);
    assert.notDeepStrictEqual(await shownLines(restored), PRINTED);

    await restored.getByRole('button', { name: 'Open this trace in the timeline (it shows the console)' }).click();
    await wb.page.locator('.tab', { hasText: 'Timeline: predict-order.js' }).waitFor({ timeout: 60_000 });
  });
});
