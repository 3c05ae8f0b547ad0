// Runs every `*.test.js` in a folder with mocha, inside the extension host. Shared by the trusted suite
// (suite/index.ts) and the Restricted Mode suite (suite-untrusted/index.ts).
// The launcher (test/editor/run.mjs) sets PROMISE_LENS_TEST_REPORT on code-server, whose extension host
// inherits it: the report goes to that file as well as the console, because code-server's extension
// host output does not reach the launcher reliably. Under @vscode/test-electron the console suffices.
import * as vscode from 'vscode';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function runSuite(dir: string): Promise<void> {
  const report = process.env.PROMISE_LENS_TEST_REPORT;
  const write = (line: string) => {
    if (report) appendFileSync(report, line + '\n');
  };
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    const line = format(...args);
    write(line);
    consoleLog(line);
  };
  write(`VS Code ${vscode.version}`);
  console.log(`VS Code ${vscode.version}`);

  // Generous: the machines running this are often shared and loaded, and a first TypeScript or
  // Markdown document starts their language extensions.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  const grep = process.env.PROMISE_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(dir, name));
  }
  try {
    const failures = await new Promise<number>((resolve, reject) => {
      try {
        mocha.run(resolve);
      } catch (error) {
        reject(error);
      }
    });
    if (failures > 0) throw new Error(`${failures} in-editor test(s) failed`);
  } catch (error) {
    write(`ERROR ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    Mocha.reporters.Base.consoleLog = consoleLog;
  }
}
