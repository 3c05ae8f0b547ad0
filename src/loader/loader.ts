/**
 * The loader preload (`node --require dist/loader.js`): runs TypeScript files, transpiled with the
 * TypeScript compiler API, and runs an unsaved editor's text under the file's own path so its
 * imports resolve as they would next to the file. CommonJS goes through `require.extensions`;
 * ES modules through `module.register` hooks (`dist/loader-hooks.mjs`). It records nothing itself:
 * it leaves each source map where the runner maps the trace's locations back to the `.ts` file.
 */
import Module from 'node:module';
// The module object itself, shared with the runtime's bundle (an `import *` would give a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import v8 = require('node:v8');
import { SITES_KEY, TRACER_TIME } from '../wire/recording';
import { instrumentScript, SITES_BINDING } from './sites';
import type { SitesApi } from '../wire/sites';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  configure,
  enableSourceMaps,
  isTypeScript,
  overrideFor,
  sourceOf,
  takeSettings,
  transpile,
  type LoaderSettings,
} from './transpile';

interface CompilingModule {
  _compile(code: string, filename: string): unknown;
}
type Handler = (module: CompilingModule, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Handler>;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
}

const LOADED = Symbol.for('promise-lens.loader');
// Taken before the program runs: what the loader calls once the program's code has run (a file it
// requires later, the end of a load) must not be the program's replacements.
const ReflectApply = Reflect.apply;
const ObjectHasOwn = Object.hasOwn;
const globals = globalThis as { [LOADED]?: boolean };

function install(): void {
  const settings = takeSettings(process.env);
  configure(settings);
  const internals = Module as unknown as ModuleInternals;
  const extensions = internals._extensions;

  // The entry's ES module graph compiles in the main thread from what the hooks thread transpiled:
  // Node must read the maps from the start. (A JavaScript entry turns them on at its first require of
  // TypeScript; TypeScript it imports as an ES module then keeps its transpiled positions.)
  const entry = process.argv[1];
  if (entry !== undefined && isTypeScript(entry)) enableSourceMaps();

  const compileTypeScript: Handler = (module, filename) => {
    enableSourceMaps();
    const started = performance.now();
    const code = transpile(sourceOf(filename), filename, 'commonjs');
    reportTracerTime(started);
    module._compile(code, filename);
  };
  extensions['.ts'] = compileTypeScript;
  extensions['.cts'] = compileTypeScript;

  // The unsaved text replaces exactly one file; every other file loads as Node would load it (its
  // creation sites given, when asked for: see instrumentNext).
  const sites = settings.sites === '1';
  for (const ext of ['.js', '.cjs']) {
    const original = extensions[ext];
    extensions[ext] = (module, filename) => {
      const text = overrideFor(filename);
      if (text !== undefined) module._compile(text, filename);
      else if (sites && ownFile(filename)) loadWithSites(module, filename, original);
      else original(module, filename);
    };
  }

  // TypeScript sources import './util.js' meaning './util.ts'.
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      const ts = /^\.\.?\/.*\.(m|c)?js$/.test(request) ? request.replace(/js$/, 'ts') : undefined;
      if (!ts || (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      return resolveFilename.call(this, ts, parent, isMain, options);
    }
  };

  // The hooks thread and its messages show in the program (a first job run by Node's tick queue, its
  // frame in stacks): a JavaScript program loaded only for its creation sites goes without them, as
  // plain node would run it.
  const onlySites = sites && !settings.overridePath && (entry === undefined || !isTypeScript(entry));
  if (onlySites) return;
  type Register = (specifier: string, parentURL: string, options: { data: LoaderSettings }) => void;
  const register = (Module as unknown as { register?: Register }).register;
  register?.(pathToFileURL(join(__dirname, 'loader-hooks.mjs')).href, pathToFileURL(__filename).href, {
    data: settings,
  });
}

/** The program's own files: not its dependencies, not the tracer's. */
function ownFile(filename: string): boolean {
  return !/[\\/]node_modules[\\/]/.test(filename) && !filename.startsWith(__dirname);
}

type InstrumentedModule = Partial<CompilingModule> & Record<string, unknown>;

/**
 * Node's own loading of one of the program's files (`load`, its `.js` handler: it reads the file and
 * decides its format), with that module's compile rewritten to give its creation sites
 * (src/loader/sites.ts). The override is an own property of the module for the moment of the load;
 * the helpers reach the module's header the same way (SITES_BINDING), taken off again before any of
 * the program's code runs. The runtime hides this file's frames from the program's stacks.
 */
function loadWithSites(module: CompilingModule, filename: string, load: Handler): void {
  const api = (v8 as unknown as Record<symbol, SitesApi | undefined>)[Symbol.for(SITES_KEY)];
  if (api === undefined) return load(module, filename);
  const holder = module as InstrumentedModule;
  const compile = module._compile;
  holder._compile = function (this: CompilingModule, content: string, file: string): unknown {
    delete holder._compile;
    const started = performance.now();
    const result = instrumentScript(content, (count) => api.reserve(count));
    reportTracerTime(started);
    if (result === null) return ReflectApply(compile, this, [content, file]);
    // No source map: Node's source-mapped stacks word frames their own way. The runtime gives the moved
    // columns back itself (src/runtime/stackFilter.ts), in V8's words.
    api.define(file, result.base, result.sites, [...result.shifts], result.inserted);
    holder[SITES_BINDING] = api.state;
    try {
      return ReflectApply(compile, this, [result.code, file]);
    } finally {
      delete holder[SITES_BINDING];
    }
  };
  try {
    load(module, filename);
  } finally {
    if (ObjectHasOwn(holder, '_compile')) delete holder._compile;
  }
}

/**
 * Transpiling (TypeScript itself loads on the first file, about a second) blocks the program where it
 * requires the file: the runtime, when it records, leaves that time out of the trace's times (see
 * TRACER_TIME), so a timer of 50 ms set after a require still reads about 50 ms.
 */
function reportTracerTime(since: number): void {
  const exclude = (v8 as unknown as Record<symbol, ((since: number) => void) | undefined>)[Symbol.for(TRACER_TIME)];
  if (typeof exclude === 'function') exclude(since);
}

// Safe to load twice (a program that spawns itself with the same NODE_OPTIONS, a second --require).
if (!globals[LOADED]) {
  globals[LOADED] = true;
  install();
}
