// The Restricted Mode suite: run by test/editor/run.mjs in a second window whose workspace is not
// trusted. Tests of what Promise Lens does without trust go beside this file as `*.test.ts`.
import { runSuite } from '../runSuite';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
