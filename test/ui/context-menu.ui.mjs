// "Trace promises" is in the editor's and the Explorer's context menus for JavaScript and TypeScript
// files, and not for Markdown.
/* global document */
import * as assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

describe('editor and Explorer context menus', function () {
  // The Explorer test waits for a trace and the timeline's first load on a shared 2-core machine.
  this.timeout(420_000);
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows "Trace promises" for a .js file', async () => {
    await wb.openFile('cart-order-payment.js');
    const items = await wb.editorContextMenu();
    assert.ok(items.includes('Trace promises'), `menu items: ${items.join(' | ')}`);
    await wb.menuItem('Trace promises').hover();
    await wb.screenshot('context-menu-js');
    await wb.closeMenu();
  });

  it('shows "Trace promises" for a .ts file', async () => {
    await wb.openFile('async-await.ts');
    const items = await wb.editorContextMenu();
    assert.ok(items.includes('Trace promises'), `menu items: ${items.join(' | ')}`);
    await wb.screenshot('context-menu-ts');
    await wb.closeMenu();
  });

  it('leaves it out for a Markdown file', async () => {
    await wb.openFile('notes.md');
    const items = await wb.editorContextMenu();
    // The menu is the real one (it has VS Code's own entries), and ours is not in it.
    assert.ok(items.includes('Command Palette...'), `menu items: ${items.join(' | ')}`);
    assert.ok(!items.includes('Trace promises'), `menu items: ${items.join(' | ')}`);
    await wb.screenshot('context-menu-md');
    await wb.closeMenu();
  });

  it("traces a file from the Explorer's context menu", async () => {
    const markdown = await wb.explorerContextMenu('notes.md');
    assert.ok(!markdown.includes('Trace promises'), `menu items: ${markdown.join(' | ')}`);
    await wb.closeMenu();
    const items = await wb.explorerContextMenu('microtasks-before-timers.js');
    assert.ok(items.includes('Trace promises'), `menu items: ${items.join(' | ')}`);
    await wb.menuItem('Trace promises').hover();
    await wb.screenshot('context-menu-explorer');
    await wb.menuItem('Trace promises').click();
    // The file it was opened on is the one traced: its timeline shows that program's console.
    const frame = await wb.webviewFrame(
      async (f) =>
        f.evaluate(() =>
          Array.from(document.querySelectorAll('.console-lines li .text')).some(
            (n) => n.textContent === '1: script start',
          ),
        ),
      300_000,
    );
    assert.ok(frame, 'the timeline of microtasks-before-timers.js');
  });
});
