import { TIME_SPLIT } from './format';

const started = performance.now();

/** Microseconds since the runtime loaded, split into two int32 words. */
export function timeWords(): [number, number] {
  const us = Math.round((performance.now() - started) * 1000);
  return [Math.floor(us / TIME_SPLIT), us % TIME_SPLIT];
}

export function nowMs(): number {
  return performance.now();
}
