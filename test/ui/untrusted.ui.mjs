// In Restricted Mode "Trace promises" runs nothing: the user sees why, with a button to manage trust.
import * as assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

describe('untrusted workspace', () => {
  /** @type {import('./workbench.mjs').Workbench} */
  let wb;
  before(async () => {
    wb = await openWorkbench({ trusted: false });
  });
  after(async () => {
    await wb?.close();
  });

  it('"Trace promises" says the workspace is not trusted and opens the trust editor on request', async () => {
    await wb.openFile('cart-order-payment.js');
    await wb.runCommand('Promise Lens: Trace promises');
    const toast = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: 'not trusted' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /Nothing was run/);
    const button = toast.locator('.monaco-button', { hasText: 'Manage Workspace Trust' });
    await button.waitFor();
    await wb.screenshot('untrusted-trace');
    await button.click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'Workspace Trust' }).waitFor();
    await wb.screenshot('untrusted-manage-trust');
  });
});
