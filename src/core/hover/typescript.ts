import type * as TS from 'typescript';

let loaded: typeof TS | undefined;

/** TypeScript's compiler API, loaded on the first hover rather than when the extension activates. */
export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('typescript') as typeof TS;
  return loaded;
}
