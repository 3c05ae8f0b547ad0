// "Trace promises" is in the editor's context menu for JavaScript and TypeScript files, and not for Markdown.
import * as assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

describe('editor context menu', () => {
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
});
