/** The runtime's settings: one typed wrapper over the environment the runner sets. */
export interface RuntimeSettings {
  /** Path of the recording file. */
  out: string;
  /** Recording stops after this many events; the program runs on. */
  maxEvents: number;
  /** Absolute path of the user's entry file, when the runner knows it. */
  entry: string | null;
}

export const ENV = { out: 'PROMISE_LENS_OUT', maxEvents: 'PROMISE_LENS_MAX_EVENTS', entry: 'PROMISE_LENS_ENTRY' } as const;

export const DEFAULT_MAX_EVENTS = 1_000_000;

/** Null when recording is off (no output path). */
export function readSettings(env: NodeJS.ProcessEnv): RuntimeSettings | null {
  const out = env[ENV.out];
  if (!out) return null;
  const cap = Number(env[ENV.maxEvents]);
  return {
    out,
    maxEvents: Number.isFinite(cap) && cap > 0 ? Math.floor(cap) : DEFAULT_MAX_EVENTS,
    entry: env[ENV.entry] || null,
  };
}

/**
 * The traced program should see the environment plain `node` would give it, and child processes
 * or workers it starts must not write into the same recording, so the runtime's variables are removed
 * once read.
 */
export function forgetSettings(env: NodeJS.ProcessEnv): void {
  for (const name of Object.values(ENV)) delete env[name];
}
