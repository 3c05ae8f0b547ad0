// Starts a real VS Code (code-server) and Debian's Chromium for the in-editor and UI tests and `npm start`.
// Every process started here is in its own process group and is killed with it on stop, on exit, on
// SIGINT/SIGTERM and on failure, so nothing is left running. See ../shared/notes/real-vscode-tests.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerBin, chromiumPath } from '../../scripts/setup-editor.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** User settings for a quiet, predictable workbench: no welcome page, no update or gallery traffic. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  // An untrusted window opens in Restricted Mode without the modal that asks whether to trust.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

// ---- cleanup that survives failures, timeouts and Ctrl-C -------------------------------------------

const cleanups = new Set();

/**
 * Registers a synchronous last-resort cleanup, run on exit, SIGINT, SIGTERM and SIGHUP; returns a
 * function that unregisters it.
 */
export function onExit(fn) {
  hookSignals();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runCleanups() {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      /* best effort on the way out */
    }
  }
}

let signalsHooked = false;
function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  process.on('exit', runCleanups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      runCleanups();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// ---- code-server ----------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1 (the OS picks it; the listener closes before the port is used). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server serving `workspace`, with fresh user-data and extensions folders.
 * @param {object} options
 * @param {string} options.workspace  absolute folder to open
 * @param {boolean} [options.trusted=true]  false leaves workspace trust on: the window opens in Restricted Mode
 * @param {number} [options.port]  default: a free port
 * @param {Record<string,string>} [options.env]  extra environment for the server and its extension host
 * @param {Record<string,unknown>} [options.settings]  extra user settings
 * @param {boolean} [options.quiet=true]  false passes the server's output through
 * @param {number} [options.timeoutMs=180000]  how long to wait for the first answer to GET /
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({
  workspace,
  trusted = true,
  port,
  env = {},
  settings = {},
  quiet = true,
  timeoutMs = 180_000,
}) {
  hookSignals();
  port ??= await freePort();
  const home = mkdtempSync(join(tmpdir(), 'promise-lens-editor-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  const config = join(home, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');

  const args = [
    '--config',
    config,
    '--auth',
    'none',
    '--bind-addr',
    `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspace,
  ];
  const child = spawn(codeServerBin, args, {
    detached: true, // its own process group: the extension host and its children die with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // code-server keeps state under XDG folders; keep it out of the user's home.
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      ...env,
    },
  });
  const output = [];
  const collect = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
    if (!quiet) process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const cleanupSync = () => {
    killGroup(child.pid, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };
  const unregister = onExit(cleanupSync);

  const server = {
    host: HOST,
    port,
    url: `http://${HOST}:${port}/`,
    workspace,
    trusted,
    userDataDir,
    extensionsDir,
    pid: child.pid,
    /** Settles with `{ code, signal }` when code-server exits. */
    exited: exitedPromise,
    /** The server's recent output, for failure messages. */
    output: () => output.join(''),
    /** A `vscode-remote://` URI for a path on this server, as the workbench's payload wants. */
    remoteUri: (path) => `vscode-remote://${HOST}:${port}${path}`,
    /** Stops the server and everything it started; waits for the group to be gone. */
    async stop() {
      unregister();
      if (exited === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
        await exitedPromise;
        clearTimeout(timer);
      }
      // Children of the extension host (traced programs, watchers) may outlive the leader.
      killGroup(child.pid, 'SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
  };

  try {
    await waitForHttp(server.url, timeoutMs, () => exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- code-server output ---\n${output.join('').slice(-4000)}`);
  }
  return server;
}

async function waitForHttp(url, timeoutMs, hasExited) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = hasExited();
    if (exited) throw new Error(`code-server exited before it answered (exit ${exited.code ?? exited.signal})`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer GET ${url} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The workbench URL for a folder on the server; with `extensionDevelopmentPath` (default: this repo)
 * Promise Lens loads from source, and with `extensionTestsPath` the workbench runs a mocha suite.
 */
export function workbenchUrl(
  server,
  { folder = server.workspace, extensionDevelopmentPath = repoRoot, extensionTestsPath } = {},
) {
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(extensionTestsPath)]);
  return `${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ---- Chromium -------------------------------------------------------------------------------------

/** Launches Debian's Chromium headless through playwright-core. */
export async function launchBrowser({ headless = true } = {}) {
  hookSignals();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless, args: chromiumArgs });
  // playwright kills the browser's process group on close; this covers an exit without close().
  const unregister = onExit(() => {
    void browser.close().catch(() => {});
  });
  browser.on('disconnected', unregister);
  return browser;
}

/** Closes a browser, giving up after a few seconds (playwright then kills it on exit). */
export async function closeBrowser(browser) {
  if (!browser) return;
  await Promise.race([browser.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000))]);
}

/**
 * Answers the "Do you trust the authors?" modal with "No" if the workbench shows one (the settings above
 * should prevent it; a newer workbench may still ask). Runs in the background for `forMs`.
 */
export async function dismissTrustDialog(page, forMs = 30_000) {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: /don.t trust/i });
  const deadline = Date.now() + forMs;
  while (Date.now() < deadline && !page.isClosed()) {
    try {
      if (await button.first().isVisible()) {
        await button.first().click();
        return true;
      }
    } catch {
      /* page navigating or closed */
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * Runs `fn({ server, browser, page })` against a fresh code-server and Chromium, and always stops both.
 * @param {Parameters<typeof startCodeServer>[0] & { viewport?: {width:number,height:number} }} options
 */
export async function withEditor(options, fn) {
  const server = await startCodeServer(options);
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    return await fn({ server, browser, page });
  } finally {
    await closeBrowser(browser);
    await server.stop();
  }
}

/**
 * @typedef {object} CodeServer
 * @property {string} host
 * @property {number} port
 * @property {string} url
 * @property {string} workspace
 * @property {boolean} trusted
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {number} pid
 * @property {Promise<{ code: number | null, signal: string | null }>} exited
 * @property {() => string} output
 * @property {(path: string) => string} remoteUri
 * @property {() => Promise<void>} stop
 */
