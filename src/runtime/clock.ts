import { TIME_SPLIT } from './format';
import type { RecordingWriter } from './writer';

const started = performance.now();

/**
 * Writes microseconds since the runtime loaded as two int32 words (no array per call: hot path);
 * `now` is a `nowMs()` reading the caller already took.
 */
export function putTime(w: RecordingWriter, now = performance.now()): void {
  const us = Math.round((now - started) * 1000);
  w.put(Math.floor(us / TIME_SPLIT));
  w.put(us % TIME_SPLIT);
}

export function nowMs(): number {
  return performance.now();
}
