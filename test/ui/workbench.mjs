// Drives the VS Code workbench in Chromium for the UI tests (test/ui/*.ui.mjs) and screenshots.
//   const wb = await openWorkbench();           // code-server + Chromium, Promise Lens loaded, examples/ open
//   await wb.openFile('cart-order-payment.js');
//   const items = await wb.editorContextMenu(); // labels of the editor's context menu, left open
//   await wb.screenshot('context-menu-js');     // test-results/context-menu-js.png
//   await wb.close();
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  startCodeServer,
  launchBrowser,
  closeBrowser,
  workbenchUrl,
  repoRoot,
  dismissTrustDialog,
  onExit,
} from '../editor/launch.mjs';
import { makeWorkspace } from '../editor/run.mjs';

export const resultsDir = join(repoRoot, 'test-results');

const menu = '.context-view .monaco-menu';
const menuLabel = `${menu} .action-menu-item .action-label`;

/**
 * Starts code-server on a fresh copy of examples/ (plus test/editor/workspace/) with Promise Lens loaded
 * from this repo, opens the workbench in Chromium, and waits until it is ready.
 * @param {{ trusted?: boolean, viewport?: { width: number, height: number }, settings?: Record<string, unknown> }} [options]
 */
export async function openWorkbench({ trusted = true, viewport = { width: 1280, height: 800 }, settings } = {}) {
  const workspace = makeWorkspace();
  const unregister = onExit(() => rmSync(workspace, { recursive: true, force: true }));
  let server;
  let browser;
  try {
    server = await startCodeServer({ workspace, trusted, settings });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    // Shared, loaded machines make the workbench slow; a missing element still fails, just later.
    page.setDefaultTimeout(90_000);
    const workbench = new Workbench(server, browser, page, workspace);
    workbench.unregister = unregister;
    if (!trusted) void dismissTrustDialog(page);
    await page.goto(workbenchUrl(server));
    await workbench.ready();
    return workbench;
  } catch (error) {
    await closeBrowser(browser);
    await server?.stop();
    unregister();
    rmSync(workspace, { recursive: true, force: true });
    throw error;
  }
}

export class Workbench {
  constructor(server, browser, page, workspace) {
    /** The code-server (see test/editor/launch.mjs). */
    this.server = server;
    this.browser = browser;
    /** The playwright Page showing the workbench. */
    this.page = page;
    /** Absolute path of the workspace folder (a temp copy; files may be edited). */
    this.workspace = workspace;
  }

  /** Waits for the workbench, its explorer and the extension host. */
  async ready(timeout = 180_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor to be active. On a
   * loaded machine a webview that takes the focus late can close the box between opening and typing:
   * then the whole step is tried again.
   */
  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    await this.again(async () => {
      await this.page.keyboard.press('Escape'); // a menu or widget left open by a failed step
      const input = await this.openQuickInput('Control+P');
      await input.fill(relativePath, { timeout: 30_000 });
      await this.page
        .locator('.quick-input-list .monaco-list-row', { hasText: name })
        .first()
        .waitFor({ timeout: 30_000 });
      await this.page.keyboard.press('Enter');
      // By the tab's resource name: a timeline tab's label ("Timeline: name") holds the name too.
      await this.page
        .locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(name)}]`)
        .waitFor({ timeout: 30_000 });
    });
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /**
   * Runs `step` up to three times; from the second try on, an empty spot of the title bar first takes
   * the focus back from a webview (which keeps keys to itself).
   */
  async again(step) {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await this.page.locator('.part.titlebar').click({ position: { x: 4, y: 4 } });
      try {
        return await step();
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** The active text editor's Monaco element. */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * Right-clicks the active editor's text and returns the labels of the context menu, which stays open
   * (for a screenshot); call closeMenu() after.
   */
  async editorContextMenu() {
    const lines = this.activeEditor().locator('.view-lines');
    // A widget still fading out (a menu, a hover) or a layer over the page can take the click. On a
    // loaded machine the page has been seen to give every click to <html> for a minute: then the menu
    // is opened from the keyboard (Shift+F10 in the editor), as a keyboard user opens the same menu.
    let attempt = 0;
    await this.again(async () => {
      attempt++;
      await this.page.keyboard.press('Escape');
      if (attempt < 3) await lines.click({ button: 'right', position: { x: 40, y: 10 }, timeout: 20_000 });
      else {
        await this.activeEditor().locator('textarea').first().focus();
        await this.page.keyboard.press('Shift+F10');
      }
      await this.page.locator(menu).first().waitFor({ timeout: 20_000 });
    });
    return this.menuItems();
  }

  /** Right-clicks a file in the Explorer; returns the labels of its context menu, left open. */
  async explorerContextMenu(name) {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click({ button: 'right' });
    await this.page.locator(menu).first().waitFor();
    return this.menuItems();
  }

  /** Labels of the open context menu. */
  async menuItems() {
    const labels = await this.page.locator(menuLabel).allInnerTexts();
    return labels.map((label) => label.trim()).filter(Boolean);
  }

  /** The open context menu's item with this label. */
  menuItem(label) {
    return this.page.locator(`${menu} .action-menu-item`, { hasText: label });
  }

  async closeMenu() {
    await this.page.keyboard.press('Escape');
    await this.page.locator(menu).first().waitFor({ state: 'hidden' });
  }

  /**
   * Presses `key` until the quick input opens and returns its text box. Keys go to whatever has
   * focus, and a webview's frame keeps them to itself; a key pressed while the previous quick input
   * is still closing can be swallowed too (seen on a loaded machine). From the second attempt on, an
   * empty spot of the title bar takes the focus back first.
   */
  async openQuickInput(key) {
    const input = this.page.locator('.quick-input-widget input[type="text"]');
    await this.again(async () => {
      await this.page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 15_000 });
    });
    return input;
  }

  /** Moves the cursor to `position` ("line" or "line:column") through Go to Line. */
  async goToLine(position) {
    const input = await this.openQuickInput('Control+G');
    // Typed only once the box is open: keys typed earlier would land in the file.
    await input.fill(`:${position}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the Command Palette by its label as shown there (e.g. "Promise Lens: Trace promises"). */
  async runCommand(label) {
    const input = await this.openQuickInput('F1');
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Sets the colour theme through the workspace settings (VS Code applies them live) and waits for it. */
  async setTheme(theme, kind) {
    mkdirSync(join(this.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(this.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': theme }));
    const classes = {
      light: '.monaco-workbench.vs',
      dark: '.monaco-workbench.vs-dark',
      hc: '.monaco-workbench.hc-black',
    };
    await this.page.locator(classes[kind]).waitFor({ timeout: 60_000 });
  }

  /** Closes every notification toast (before a screenshot the README shows: a toast would cover the panel). */
  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page
      .locator('.notification-toast')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }

  /** Labels the Command Palette offers for a search text; the palette is closed again. */
  async paletteCommands(search) {
    const input = await this.openQuickInput('F1');
    await input.fill(`>${search}`);
    await this.page.waitForTimeout(300); // the list filters asynchronously; no event marks the end
    const labels = await this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Texts of the visible notifications (toasts). */
  async notifications() {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /**
   * The frame of a webview whose page matches `predicate(frame)` (default: any webview content frame),
   * waiting until it exists. Webviews are nested iframes; the content is the inner one.
   */
  async webviewFrame(predicate = async () => true, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const frame of this.page.frames()) {
        const isContent = frame.name() === 'active-frame' || frame.url().includes('/fake.html');
        if (isContent && (await predicate(frame).catch(() => false))) return frame;
      }
      if (Date.now() > deadline) throw new Error('no webview frame matched');
      await this.page.waitForTimeout(200);
    }
  }

  /** Saves a PNG of the whole page under test-results/ and returns its path. */
  async screenshot(name) {
    mkdirSync(resultsDir, { recursive: true });
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Stops Chromium and code-server and removes the workspace copy. */
  async close() {
    await closeBrowser(this.browser);
    await this.server.stop();
    this.unregister?.();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

/**
 * The standalone page of a program's timeline, as `promise-lens trace FILE --format html --out OUT`
 * writes it; fails with the CLI's stderr when the trace does not run.
 */
export function exportPage(program, out) {
  const run = spawnSync(
    process.execPath,
    [join(repoRoot, 'dist/cli.js'), 'trace', program, '--format', 'html', '--out', out],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (run.status !== 0) throw new Error(`promise-lens trace ${program} exited ${run.status}: ${run.stderr}`);
  return out;
}

/** Opens an exported page in a browser page and waits until its timeline is drawn. */
export async function openExportedPage(page, file) {
  await page.goto(pathToFileURL(file).href);
  // eslint-disable-next-line no-undef -- runs in the browser
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
}
