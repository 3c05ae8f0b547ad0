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

function main(): void {
  const settings = readSettings(process.env);
  if (!settings) return;
  forgetSettings(process.env);
  const marker = v8 as unknown as Record<symbol, boolean>;
  if (!isMainThread || marker[LOADED]) return;
  Object.defineProperty(marker, LOADED, { value: true });
  try {
    startRecording(settings, __filename);
  } catch {
    // A runtime that cannot start leaves the program to run untraced.
  }
  // Only now: the runtime looks at its own flags (`--expose-internals`) while it starts.
  forgetNodeFlags(settings);
}

main();
