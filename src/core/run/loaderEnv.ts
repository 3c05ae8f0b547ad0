/**
 * The environment the runner sets for the TypeScript / unsaved-text loader (`dist/loader.js`).
 * Shared by both sides so the names cannot drift.
 */
export const LOADER_ENV = {
  /** File the loader appends one JSON line `{ file, map }` to for each file it transpiles. */
  sourceMaps: 'PROMISE_LENS_SOURCE_MAPS',
  /** Absolute path whose contents are replaced (an unsaved editor)… */
  overridePath: 'PROMISE_LENS_OVERRIDE_PATH',
  /** …by the text in this file. */
  overrideText: 'PROMISE_LENS_OVERRIDE_TEXT',
} as const;

/** Extensions the loader transpiles with TypeScript. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'] as const;
