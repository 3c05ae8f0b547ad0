// The in-editor suite: VS Code loads this module (extensionTestsPath) and awaits run().
// Every `*.test.ts` beside this file is part of it; add a test by adding a file.
import { runSuite } from '../runSuite';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
