import { TIME_SPLIT } from './format';
import { MathFloor, MathRound, now } from './primordials';
import type { RecordingWriter } from './writer';

const started = now();

/**
 * Writes microseconds since the runtime loaded as two int32 words (no array per call: hot path);
 * `at` is a `nowMs()` reading the caller already took.
 */
export function putTime(w: RecordingWriter, at = now()): void {
  const us = MathRound((at - started) * 1000);
  w.put(MathFloor(us / TIME_SPLIT));
  w.put(us % TIME_SPLIT);
}

export function nowMs(): number {
  return now();
}
