// `npm run test:electron`: the same in-editor suites in a desktop VS Code downloaded by
// @vscode/test-electron, for machines that can reach update.code.visualstudio.com. (Where only npm
// and Debian are reachable, `npm test` runs them in code-server instead: test/editor/run.mjs.)
//   VSCODE_VERSION=stable npm run test:electron    another VS Code (default: 1.99.3, as in code-server)
//   node test/editor/run-electron.mjs --suite untrusted
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { makeWorkspace, suites } from './run.mjs';
import { repoRoot } from './launch.mjs';

const version = process.env.VSCODE_VERSION || '1.99.3';
const which = process.argv.includes('--suite') ? process.argv[process.argv.indexOf('--suite') + 1] : undefined;

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(repoRoot, '.vscode-test') });
} catch (error) {
  console.error(
    `[test:electron] could not download VS Code ${version}: ${error?.message ?? error}\n` +
      '@vscode/test-electron needs https://update.code.visualstudio.com. On a machine that cannot reach it,\n' +
      '`npm test` runs the same suites in code-server (installed from npm) instead.',
  );
  process.exit(1);
}

let failed = false;
for (const [name, suite] of Object.entries(suites)) {
  if (which && which !== name) continue;
  const workspace = makeWorkspace();
  const userData = mkdtempSync(join(tmpdir(), 'promise-lens-electron-'));
  mkdirSync(join(userData, 'User'), { recursive: true });
  // An untrusted window opens in Restricted Mode without the modal trust prompt.
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never' }),
  );
  console.log(`\n--- ${suite.title} (VS Code ${version}, desktop)`);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, suite.tests),
      launchArgs: [
        workspace,
        '--user-data-dir',
        userData,
        '--disable-extensions',
        ...(suite.trusted ? ['--disable-workspace-trust'] : []),
      ],
    });
  } catch (error) {
    failed = true;
    console.error(`--- ${suite.title} FAILED: ${error?.message ?? error}`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
