/**
 * The preloaded runtime: `node --require dist/register.js program.js` with PROMISE_LENS_OUT set
 * records every promise, job and console line of the program into that file. Without the variable it
 * does nothing at all. Loading it twice, or in a worker thread, records once.
 */
import * as v8 from 'v8';
import { isMainThread } from 'worker_threads';
import { forgetNodeFlags, forgetSettings, readSettings } from './settings';
import { startRecording } from './recorder';

const LOADED = Symbol.for('promise-lens.runtime');
/** Where the runner's inspector call finds the stop hook (STOP_HOOK in src/core/run/inspector.ts). */
const STOP = Symbol.for('promise-lens.stop');

function main(): void {
  const settings = readSettings(process.env);
  if (!settings) return;
  forgetSettings(process.env);
  const marker = v8 as unknown as Record<symbol, boolean>;
  if (!isMainThread || marker[LOADED]) return;
  Object.defineProperty(marker, LOADED, { value: true });
  try {
    const stop = startRecording(settings, __filename);
    // On Node's own module object (the import above is a bundler's copy of it), where the inspector's
    // `require('v8')` finds it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.defineProperty(require('v8') as object, STOP, { value: stop });
  } catch {
    // A runtime that cannot start leaves the program to run untraced.
  }
  // Only now: the runtime looks at its own flags (`--expose-internals`) while it starts.
  forgetNodeFlags(settings);
}

main();
