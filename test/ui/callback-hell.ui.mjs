// The callback-hell quick fix in the real workbench: the squiggle on examples/callback-pyramid.js, the
// light-bulb menu (Ctrl+.) with both rewrites, a screenshot of it (test-results/callback-hell-quick-fix.png),
// and the preferred fix applied from the menu; then a pyramid whose outer call's result is used, where
// the menu names the levels it rewrites (test-results/callback-hell-run-of-levels.png).
import * as assert from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from './workbench.mjs';

/**
 * Opens the light-bulb menu until `fix` is in it, then screenshots it as `shot`. Seen once on a loaded
 * machine: the first request answered "No code actions available" although the diagnostic was drawn.
 * A second request is what a user would do; three misses fail the test.
 */
async function openQuickFix(wb, fix, shot) {
  try {
    for (let attempt = 1; ; attempt++) {
      await wb.runCommand('Quick Fix...');
      try {
        await fix.waitFor({ timeout: 20_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await wb.page.keyboard.press('Escape');
      }
    }
  } finally {
    await wb.screenshot(shot);
  }
}

describe('callback-hell quick fix', () => {
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async function () {
    this.timeout(400_000);
    wb = await openWorkbench({ viewport: { width: 1280, height: 860 } });
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'callback-pyramid.js' })
      .first()
      .click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'callback-pyramid.js' }).waitFor();
    await wb.activeEditor().locator('.view-lines').waitFor();
  });
  after(async () => {
    await wb?.close();
  });

  it('offers "Rewrite as .then chain" in the light-bulb menu and applies it', async () => {
    // The diagnostic draws a warning squiggle under createOrder (line 20).
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ timeout: 120_000 });
    await wb
      .activeEditor()
      .locator('.view-lines')
      .click({ position: { x: 5, y: 5 } });
    await wb.goToLine('20:3');
    const menu = wb.page.locator('.action-widget');
    const fix = menu.locator('.monaco-list-row', { hasText: 'Rewrite as .then chain' }).first();
    await openQuickFix(wb, fix, 'callback-hell-quick-fix');
    const labels = (await menu.locator('.monaco-list-row').allInnerTexts()).map((l) => l.trim());
    assert.ok(
      labels.some((l) => l.includes('Rewrite as .then chain')),
      labels.join(' | '),
    );
    assert.ok(
      labels.some((l) => l.includes('Rewrite with async/await')),
      labels.join(' | '),
    );
    // The preferred fix is the focused row; the menu's pointer guard swallows an immediate click.
    const focused = await menu.locator('.monaco-list-row.focused').innerText();
    assert.match(focused, /Rewrite as \.then chain/);
    await wb.page.keyboard.press('Enter');
    await wb
      .activeEditor()
      .locator('.view-line', { hasText: '.then((order) => new Promise' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.screenshot('callback-hell-after-fix');
  });

  it('names the levels it rewrites when the outer call stays as written', async () => {
    const golden = join(import.meta.dirname, '../golden/rewrite/run-result-used');
    writeFileSync(join(wb.workspace, 'run-of-levels.js'), readFileSync(join(golden, 'input.js')));
    await wb.openFile('run-of-levels.js');
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ timeout: 120_000 });
    await wb.goToLine('11:16');
    const menu = wb.page.locator('.action-widget');
    const title = 'Rewrite as .then chain: levels 2 to 3 of 3, the others as they are';
    const fix = menu.locator('.monaco-list-row', { hasText: title }).first();
    await openQuickFix(wb, fix, 'callback-hell-run-of-levels');
    assert.match(await menu.locator('.monaco-list-row.focused').innerText(), /levels 2 to 3 of 3/);
    await wb.page.keyboard.press('Enter');
    await wb
      .activeEditor()
      .locator('.view-line', { hasText: '.then((aValue) => {' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.screenshot('callback-hell-run-of-levels-after');
  });
});
