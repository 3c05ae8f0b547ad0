/**
 * Every environment variable the runner sets for the traced process, one name each, imported by the
 * runner (`src/core/run/`), the runtime (`src/runtime/settings.ts`), the loader and the recording's
 * reader, so the names cannot drift. Constants only.
 */

/** What the runtime (`dist/register.js`) reads: where to record and within which limits. */
export const RECORDING_ENV = {
  out: 'PROMISE_LENS_OUT',
  maxEvents: 'PROMISE_LENS_MAX_EVENTS',
  entry: 'PROMISE_LENS_ENTRY',
  nodeFlags: 'PROMISE_LENS_NODE_FLAGS',
  maxOutput: 'PROMISE_LENS_MAX_OUTPUT',
} as const;

/** What the TypeScript / unsaved-text loader (`dist/loader.js`) reads. */
export const LOADER_ENV = {
  /** File the loader appends one JSON line `{ file, map }` to for each file it transpiles. */
  sourceMaps: 'PROMISE_LENS_SOURCE_MAPS',
  /** Absolute path whose contents are replaced (an unsaved editor)… */
  overridePath: 'PROMISE_LENS_OVERRIDE_PATH',
  /** …by the text in this file. */
  overrideText: 'PROMISE_LENS_OVERRIDE_TEXT',
  /** `1`: give the program's own JavaScript creation sites at load time (src/loader/sites.ts); off by default. */
  sites: 'PROMISE_LENS_SITES',
} as const;

/** Extensions the loader transpiles with TypeScript. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'] as const;
