import type * as TS from 'typescript';

export type { TS };

let loaded: typeof TS | undefined;

/**
 * The compiler API is ~10 MB of JavaScript; it is required on the first analysis, never when the
 * extension or the CLI starts.
 */
export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('typescript') as typeof TS;
  return loaded;
}
