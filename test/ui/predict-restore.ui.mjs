// "Predict the Order" in the high-contrast theme, and across "Developer: Reload Window": the learner's
// order, and whether it was revealed, come back. Screenshots: test-results/predict-hc-*.png and
// predict-after-reload*.png: look at them.
/* global document, getComputedStyle */
import * as assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

/** The lines as the page shows them now, top to bottom. */
const shownLines = (frame) =>
  frame.evaluate(() => Array.from(document.querySelectorAll('li.line .text')).map((n) => n.textContent));

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

/** The predict page once it shows its ten lines (`marked`: with their marks, after a reveal). */
const predictFrame = (wb, marked) =>
  wb.webviewFrame(
    (f) =>
      f.evaluate(
        (marks) =>
          document.querySelectorAll('li.line').length === 10 &&
          document.querySelectorAll('li.line .mark').length === (marks ? 10 : 0),
        marked,
      ),
    300_000,
  );

describe('Predict the Order: high contrast, and a window reload', function () {
  this.timeout(900_000);
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1600, height: 1000 } });
  });
  after(async () => {
    await wb?.close();
  });

  it('is readable in the high-contrast theme, before and after the reveal', async () => {
    await wb.openFile('predict-order.js');
    await wb.editorContextMenu();
    await wb.menuItem('Predict the Order').click();
    let frame = await predictFrame(wb, false);
    await wb.setTheme('Default High Contrast', 'hc');
    frame = await predictFrame(wb, false);
    // Every line has a visible border: in high contrast, VS Code draws widgets by their outlines.
    const borders = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('li.line')).map((li) => getComputedStyle(li).borderTopColor),
    );
    assert.ok(
      borders.every((c) => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent'),
      `borders: ${borders.join(', ')}`,
    );
    // The lines' text reads against their box (WCAG AA: a contrast of 4.5 at least).
    const contrast = await frame.evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const li = document.querySelector('li.line');
      const a = lum(rgb(getComputedStyle(li.querySelector('.text')).color));
      const b = lum(rgb(getComputedStyle(li).backgroundColor));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    assert.ok(contrast >= 4.5, `line text contrast ${contrast.toFixed(2)}`);
    await wb.screenshot('predict-hc-before');
    await frame.getByRole('button', { name: 'Reveal the order the program printed' }).click();
    await frame.locator('.result').waitFor();
    const colours = await frame.evaluate(() => {
      const style = (q) => {
        const n = document.querySelector(q);
        return n ? getComputedStyle(n).color : null;
      };
      return { mark: style('li.line .mark'), where: style('li.line .where'), why: style('li.line .why') };
    });
    assert.ok(colours.mark && colours.where && colours.why, JSON.stringify(colours));
    await wb.screenshot('predict-hc-after');
    await frame.getByRole('button', { name: 'Shuffle the lines again and start over' }).click();
    await frame.locator('.result').waitFor({ state: 'detached' });
  });

  it("keeps the learner's order across a window reload, then the reveal too", async () => {
    let frame = await predictFrame(wb, false);
    // The learner moves the first line down two places, then the window reloads.
    await frame.locator('li.line').first().focus();
    await wb.page.keyboard.press('Alt+ArrowDown');
    await wb.page.keyboard.press('Alt+ArrowDown');
    const ordered = await shownLines(frame);

    await reloadWindow(wb);
    frame = await predictFrame(wb, false);
    assert.deepStrictEqual(await shownLines(frame), ordered, 'the same order, not a new shuffle');
    assert.strictEqual(await frame.locator('.result').count(), 0, 'not revealed');
    await wb.screenshot('predict-after-reload');

    await frame.getByRole('button', { name: 'Reveal the order the program printed' }).click();
    const result = await frame.locator('.result').textContent();
    await reloadWindow(wb);
    frame = await predictFrame(wb, true);
    assert.deepStrictEqual(await shownLines(frame), ordered);
    assert.strictEqual(await frame.locator('.result').textContent(), result, 'still revealed, marked the same');
    await wb.screenshot('predict-after-reload-revealed');
  });
});
