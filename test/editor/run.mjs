// Runs the in-editor mocha suites inside a real VS Code (code-server + headless Chromium):
//   suite            test/editor/suite/*.test.ts            in a trusted window
//   suite-untrusted  test/editor/suite-untrusted/*.test.ts  in an untrusted window (Restricted Mode)
// Each suite gets a fresh temp copy of examples/ and test/editor/workspace/ as its workspace.
//   node test/editor/run.mjs                    both suites (build first: node scripts/build.mjs)
//   node test/editor/run.mjs --suite untrusted  one of them (trusted | untrusted)
//   PROMISE_LENS_TEST_GREP=hover node test/editor/run.mjs   only tests whose title matches
//   EDITOR_TEST_TIMEOUT=600                     seconds a suite may take before the run fails
// Exits non-zero when a test fails or the editor never reports back.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupEditor } from '../../scripts/setup-editor.mjs';
import { repoRoot, withEditor, workbenchUrl, dismissTrustDialog, onExit } from './launch.mjs';

export const suites = {
  trusted: { title: 'in-editor suite', tests: 'out/test/editor/suite/index', trusted: true },
  untrusted: {
    title: 'in-editor suite, untrusted workspace',
    tests: 'out/test/editor/suite-untrusted/index',
    trusted: false,
  },
};

/** A fresh copy of the examples (and the test fixtures) that tests may edit. */
export function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'promise-lens-workspace-'));
  cpSync(join(repoRoot, 'examples'), dir, { recursive: true });
  const fixtures = join(repoRoot, 'test', 'editor', 'workspace');
  if (existsSync(fixtures)) cpSync(fixtures, dir, { recursive: true });
  return dir;
}

/** Runs one suite; resolves to { failed: boolean, reason?: string }. */
export async function runSuite(suite, { timeoutMs = Number(process.env.EDITOR_TEST_TIMEOUT || 600) * 1000 } = {}) {
  const testsPath = join(repoRoot, suite.tests);
  if (!existsSync(testsPath + '.js')) throw new Error(`${suite.tests}.js is missing: run node scripts/build.mjs first`);
  const workspace = makeWorkspace();
  const report = join(workspace, '..', `${workspace.split('/').pop()}.report.txt`);
  writeFileSync(report, '');
  const removeTemp = () => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(report, { force: true });
  };
  const unregister = onExit(removeTemp);
  console.log(`\n--- ${suite.title}`);
  let printed = 0;
  const flush = () => {
    const text = readFileSync(report, 'utf8');
    if (text.length > printed) process.stdout.write(text.slice(printed));
    printed = text.length;
  };
  const log = [];
  try {
    return await withEditor(
      { workspace, trusted: suite.trusted, env: { PROMISE_LENS_TEST_REPORT: report } },
      async ({ server, page }) => {
        let exit;
        const exited = new Promise((resolve) => {
          exit = resolve;
        });
        await page.exposeFunction('codeAutomationExit', (code) => exit(code));
        await page.exposeFunction('codeAutomationLog', (type, args) =>
          log.push(`[${type}] ${[].concat(args).join(' ')}`),
        );
        page.on('console', (message) => log.push(`[console.${message.type()}] ${message.text()}`));
        page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`));
        if (!suite.trusted) void dismissTrustDialog(page);
        await page.goto(workbenchUrl(server, { extensionTestsPath: testsPath }));

        const tail = setInterval(flush, 250);
        let timer;
        const timedOut = new Promise((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const code = await Promise.race([exited, timedOut]);
        clearInterval(tail);
        clearTimeout(timer);
        flush();
        if (code === 'timeout') {
          return { failed: true, reason: `the editor did not report back within ${timeoutMs / 1000} s`, log, server };
        }
        if (printed === 0) {
          return { failed: true, reason: `the editor exited (code ${code}) without running the suite`, log, server };
        }
        return code === 0
          ? { failed: false }
          : { failed: true, reason: `the suite exited with code ${code}`, log, server };
      },
    ).then((result) => {
      if (result.failed) {
        const interesting = result.log.filter(
          (line) => !line.includes('%c') && !/gallery|marketplace|ERR_NAME_NOT_RESOLVED|net::ERR|favicon/i.test(line),
        );
        console.error(`\n--- workbench log (last lines)\n${interesting.slice(-40).join('\n')}`);
        console.error(
          `--- code-server output (last lines)\n${result.server.output().split('\n').slice(-20).join('\n')}`,
        );
      }
      return { failed: result.failed, reason: result.reason };
    });
  } finally {
    unregister();
    removeTemp();
  }
}

async function main() {
  const which = process.argv.includes('--suite') ? process.argv[process.argv.indexOf('--suite') + 1] : undefined;
  if (which && !suites[which]) {
    console.error(`unknown suite "${which}"; one of: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  await setupEditor();
  let failed = false;
  for (const [name, suite] of Object.entries(suites)) {
    if (which && which !== name) continue;
    const started = Date.now();
    const result = await runSuite(suite);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.failed) {
      failed = true;
      console.error(`--- ${suite.title} FAILED after ${seconds} s: ${result.reason}`);
    } else {
      console.log(`--- ${suite.title} passed in ${seconds} s`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`[editor tests] ${error.stack ?? error}`);
    process.exit(1);
  });
}
