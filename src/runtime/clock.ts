// The module object itself, shared with the loader's bundle (an `import *` would give a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import v8 = require('v8');
import { TIME_SPLIT, TRACER_TIME } from '../wire/recording';
import { MathFloor, MathRound, now, ObjectDefineProperty } from './primordials';
import type { RecordingWriter } from './writer';

const started = now();
/** Milliseconds of the tracer's own work left out of the recorded times (see `exclude`). */
let excluded = 0;

/**
 * Writes the program's own time, in microseconds since the runtime loaded, as two int32 words (no
 * array per call: hot path); `at` is a `nowMs()` reading the caller already took. The tracer's own
 * blocks of work are left out (`exclude`), so a timer of 50 ms set after them reads about 50 ms.
 */
export function putTime(w: RecordingWriter, at = now()): void {
  const us = MathRound((at - started - excluded) * 1000);
  w.put(MathFloor(us / TIME_SPLIT));
  w.put(us % TIME_SPLIT);
}

export function nowMs(): number {
  return now();
}

/**
 * Leaves the time since `since` (a `nowMs()` reading) out of the recorded times: the tracer's own work
 * that ran while the program could not (the runtime's start-up, the loader transpiling a file the
 * program required). Times never go back: what is left out is time that passed.
 */
export function exclude(since: number): void {
  const spent = now() - since;
  if (spent > 0) excluded += spent;
}

/**
 * Lets the loader (`dist/loader.js`, preloaded before the runtime) report its own blocks of work
 * through `exclude`, under a symbol of Node's `v8` module, where the runtime already marks itself as
 * loaded; non-enumerable, so only a look for symbols finds it.
 */
export function shareExclude(): void {
  ObjectDefineProperty(v8, Symbol.for(TRACER_TIME), {
    value: exclude,
    enumerable: false,
    writable: false,
    configurable: false,
  });
}
