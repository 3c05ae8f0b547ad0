import { RECORDING_ENV } from '../wire/env';

/** The runtime's settings: one typed wrapper over the environment the runner sets. */
export interface RuntimeSettings {
  /** Path of the recording file. */
  out: string;
  /** Recording stops after this many events; the program runs on. */
  maxEvents: number;
  /** Absolute path of the user's entry file, when the runner knows it. */
  entry: string | null;
  /** How many of the last entries of `process.execArgv` the runner added (heap cap, preloads). */
  nodeFlags: number;
  /** Bytes the program may write to its `process.stdout` and `process.stderr` before it is stopped; null: no limit. */
  maxOutput: number | null;
}

const ENV = RECORDING_ENV;

export const DEFAULT_MAX_EVENTS = 1_000_000;

/** Null when recording is off (no output path). */
export function readSettings(env: NodeJS.ProcessEnv): RuntimeSettings | null {
  const out = env[ENV.out];
  if (!out) return null;
  const cap = Number(env[ENV.maxEvents]);
  const flags = Number(env[ENV.nodeFlags]);
  const maxOutput = Number(env[ENV.maxOutput]);
  return {
    out,
    maxEvents: Number.isFinite(cap) && cap > 0 ? Math.floor(cap) : DEFAULT_MAX_EVENTS,
    entry: env[ENV.entry] || null,
    nodeFlags: Number.isInteger(flags) && flags > 0 ? flags : 0,
    maxOutput: Number.isInteger(maxOutput) && maxOutput > 0 ? maxOutput : null,
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

/**
 * `process.execArgv` shows what plain `node` would: without the flags the runner added. Child
 * processes forked with it (`child_process.fork`, `cluster`) then start as they would untraced, and
 * do not inherit the heap cap that is the watchdog's business.
 */
export function forgetNodeFlags(settings: RuntimeSettings): void {
  const argv = process.execArgv;
  // eslint-disable-next-line no-restricted-properties -- before the program runs
  if (settings.nodeFlags > 0 && settings.nodeFlags <= argv.length) argv.splice(argv.length - settings.nodeFlags);
}
