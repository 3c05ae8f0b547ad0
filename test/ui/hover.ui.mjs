// The hover in the real workbench: trace an example, hover a `.then` and a `new Promise` that ran twice,
// and save screenshots of both (test-results/hover-*.png) to look at.
import * as assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

describe('promise hover', () => {
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async function () {
    // Starting the editor and tracing take minutes when the machine is busy.
    this.timeout(600_000);
    wb = await openWorkbench({ viewport: { width: 1280, height: 860 } });
    // Through the explorer: Quick Open's file search can be slow to index on a busy machine.
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'cart-order-payment.js' })
      .first()
      .click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'cart-order-payment.js' }).waitFor();
    await wb.activeEditor().locator('.view-lines').waitFor();
    // The palette lists the command once the extension host has read the manifest: slow when busy.
    for (let attempt = 1; ; attempt++) {
      try {
        await wb.runCommand('Promise Lens: Trace promises');
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await wb.page.keyboard.press('Escape');
      }
    }
    // The trace is done when its notification says so.
    await wb.page
      .locator('.notifications-toasts .notification-list-item-message', { hasText: 'traced cart-order-payment.js' })
      .first()
      .waitFor({ timeout: 240_000 });
    await wb.page.keyboard.press('Escape');
    // Room for the hover: maximise the editor's group (the timeline opens beside it). Tracing leaves
    // the panel closed, so nothing else needs hiding (Ctrl+J would open it).
    await focusEditor();
    await wb.page.keyboard.press('Control+K');
    await wb.page.keyboard.press('Control+M');
  });
  after(async () => {
    await wb?.close();
  });

  /** Moves the cursor to 1-based line:column and shows the hover there, as Ctrl+K Ctrl+I does. */
  async function focusEditor() {
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.tabs-container .tab', { hasText: 'cart-order-payment.js' }).first().click();
    // Away from the tab, so its tooltip stays out of the screenshots.
    await wb.page.mouse.move(700, 820);
  }

  async function hoverAt(line, column) {
    await focusEditor();
    await wb.goToLine(`${line}:${column}`);
    await wb.runCommand('Show or Focus Hover');
    const hover = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: 'promise' }).first();
    await hover.waitFor({ timeout: 15_000 });
    return hover;
  }

  it('shows the state, value and links of a .then', async () => {
    const hover = await hoverAt(23, 5);
    const text = await hover.innerText();
    assert.match(text, /✔ fulfilled · \.then · promise #\d+/, text);
    assert.match(text, /Value: \{ order: 'ORD-1', paid: true \}/, text);
    assert.match(text, /Show in timeline/, text);
    // Links are real links: the timeline's command and the parent's line.
    const links = await hover.locator('a').allInnerTexts();
    assert.ok(links.includes('Show in timeline'), links.join(' | '));
    assert.ok(
      links.some((l) => l.startsWith('line ')),
      links.join(' | '),
    );
    // Its reaction is `.then(showOrderSummary)`, linked to where that function is declared.
    assert.match(text, /Reactions: on fulfil line 15 → #\d+/, text);
    assert.ok(links.includes('line 15'), links.join(' | '));
    await wb.screenshot('hover-then');
    await wb.page.keyboard.press('Escape');
  });

  it('summarises a new Promise that ran twice', async () => {
    const hover = await hoverAt(5, 14);
    const text = await hover.innerText();
    assert.match(text, /new Promise created 2×: 1 fulfilled, 1 rejected/, text);
    assert.match(text, /First rejection: Error/, text);
    await wb.screenshot('hover-summary');
    await wb.page.keyboard.press('Escape');
  });
});
