// Sets up what the in-editor and UI tests and `npm start` need: Debian packages (Chromium, ripgrep, the
// build tools and headers for code-server's native modules) and code-server, cached in .vscode-test/.
// Idempotent: a marker records a finished set-up, so a warm run returns in well under a second.
// The steps follow ../shared/notes/real-vscode-tests.md: code-server's own postinstall cannot run here
// (it refuses root and downloads ripgrep from GitHub), so this script does its work itself.
//   node scripts/setup-editor.mjs          set up if needed
//   node scripts/setup-editor.mjs --force  redo every step
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  lstatSync,
  writeFileSync,
  copyFileSync,
  chmodSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.99.4';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(root, '.vscode-test');
export const codeServerDir = join(cacheDir, 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const chromiumPath = '/usr/bin/chromium';
const markerPath = join(codeServerDir, '.setup-complete');
const marker = `code-server@${CODE_SERVER_VERSION}\n`;

/** Debian packages, each with a cheap check that it is there. */
const debianPackages = [
  { name: 'chromium', present: () => existsSync(chromiumPath) },
  { name: 'ripgrep', present: () => onPath('rg') },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h') },
  { name: 'build-essential', present: () => onPath('g++') && onPath('make') },
  { name: 'python3', present: () => onPath('python3') },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const shown = [command, ...args].join(' ');
  console.log(`[setup-editor] ${options.cwd ? `(in ${options.cwd.replace(root + '/', '')}) ` : ''}${shown}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(`\`${shown}\` failed (exit ${result.status ?? result.signal})`);
  }
}

function ensureDebianPackages() {
  const missing = debianPackages.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `these Debian packages are missing: ${missing.join(', ')}.\n` +
        `Install them as root, then run this again:\n  sudo sh -c '${command}'`,
    );
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

function link(target, path) {
  try {
    lstatSync(path);
    return; // already there (a link or the real thing)
  } catch {
    symlinkSync(target, path);
  }
}

function installCodeServer() {
  mkdirSync(codeServerDir, { recursive: true });
  const pkg = join(codeServerDir, 'package.json');
  if (!existsSync(pkg))
    writeFileSync(pkg, JSON.stringify({ name: 'code-server-cache', private: true }, null, 2) + '\n');
  // npm_config_yes lets node-pty's build script fetch node-gyp without asking (no stdin in CI).
  const env = { npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
  const npm = (cwd, ...args) => run('npm', args, { cwd, env });

  npm(codeServerDir, 'install', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`);
  const codeServer = join(codeServerDir, 'node_modules', 'code-server');
  const vscodeDir = join(codeServer, 'lib', 'vscode');
  npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund');
  npm(
    vscodeDir,
    'rebuild',
    'kerberos',
    '@parcel/watcher',
    'node-pty',
    '@vscode/spdlog',
    '@vscode/deviceid',
    'native-watchdog',
  );
  // argon2 is hoisted next to code-server, so it is rebuilt from the cache folder's root.
  npm(codeServerDir, 'rebuild', 'argon2');

  // Debian's ripgrep stands in for the binary @vscode/ripgrep would download.
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  copyFileSync(rg, join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);

  // What the skipped postinstall would have done.
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  npm(join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund');

  run(codeServerBin, ['--version']);
}

/** One set-up at a time: engineers and CI may start several test runs in the same tree. */
async function withLock(fn) {
  const lock = join(cacheDir, 'setup.lock');
  mkdirSync(cacheDir, { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      if (holder && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) console.log(`[setup-editor] waiting for another set-up (pid ${holder}) to finish`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function isSetUp() {
  return (
    existsSync(markerPath) && readFileSync(markerPath, 'utf8') === marker && debianPackages.every((p) => p.present())
  );
}

/** Sets everything up unless a finished set-up is recorded. Throws with a readable message on failure. */
export async function setupEditor({ force = false } = {}) {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (!force && isSetUp()) {
    console.log(
      `[setup-editor] code-server ${CODE_SERVER_VERSION} and Chromium ready (cached in .vscode-test/, checked in ${seconds()} s)`,
    );
    return;
  }
  await withLock(async () => {
    if (!force && isSetUp()) return; // another run finished it while this one waited
    console.log(`[setup-editor] setting up code-server ${CODE_SERVER_VERSION} and Chromium (first run: a few minutes)`);
    ensureDebianPackages();
    rmSync(markerPath, { force: true });
    installCodeServer();
    writeFileSync(markerPath, marker);
  });
  console.log(`[setup-editor] set up in ${seconds()} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await setupEditor({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(`[setup-editor] ${error.message}`);
    process.exit(1);
  }
}
