/** The watchdog's limits and their defaults; the settings and the CLI flags override them. */
export interface RunLimits {
  /** Wall-clock limit of one run, in milliseconds. */
  timeoutMs: number;
  /** Events the runtime records before it stops recording (the program runs on). */
  maxEvents: number;
  /** V8's old-space limit for the traced program (`--max-old-space-size`), in MB. */
  maxHeapMb: number;
  /** Bytes the program may print (stdout and stderr together) before it is stopped. */
  maxOutputBytes: number;
}

/** The longest a timer waits (2^31 - 1 ms, about 24.8 days): the longest time limit there can be. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export const DEFAULT_LIMITS: Readonly<RunLimits> = {
  timeoutMs: 10_000,
  maxEvents: 1_000_000,
  maxHeapMb: 2048,
  maxOutputBytes: 16 * 1024 * 1024,
};

/** "10 s", "16 MiB": limits as people read them in messages. */
export function describeMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
