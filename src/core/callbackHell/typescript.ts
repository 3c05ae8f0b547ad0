import type * as TS from 'typescript';

export type { TS };

let loaded: typeof TS | undefined;
let load: () => typeof TS = () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typescript') as typeof TS;
};

/**
 * The compiler API is ~10 MB of JavaScript; it is required on the first analysis, never when the
 * extension or the CLI starts.
 */
export function typescript(): typeof TS {
  loaded ??= load();
  return loaded;
}

/** How the compiler is loaded, when the caller knows better (the CLI loads it through a code cache). */
export function loadTypescriptWith(loader: () => unknown): void {
  if (!loaded) load = loader as () => typeof TS;
}
