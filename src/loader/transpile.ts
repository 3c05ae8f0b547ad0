/**
 * TypeScript → JavaScript for the loader, one file at a time (no type check), keeping what Node
 * runs as close to the source as possible: target ESNext so `async`/`await` and classes stay native
 * and the promise jobs are the ones the source implies.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type * as TS from 'typescript';
import { LOADER_ENV } from '../wire/env';
import { moduleOnlySyntax } from '../core/syntax/moduleSyntax';

export type ModuleFormat = 'commonjs' | 'module';

/**
 * Loaded on the first TypeScript file only: plain JavaScript never pays for it. Without the code cache:
 * inside the traced program, saving a cache would add an exit listener and a timer the program could see.
 */
function ts(): typeof TS {
  // Required here, not imported: its Node modules (`vm`, `os`) load only when a TypeScript file does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const syntax = require('../core/syntax/typescript') as typeof import('../core/syntax/typescript');
  syntax.setTypeScriptCacheDir(null);
  return syntax.typescript();
}

export function isTypeScript(file: string): boolean {
  return /\.[mc]?ts$/i.test(file) && !/\.d\.[mc]?ts$/i.test(file);
}

const packageTypes = new Map<string, ModuleFormat | null>();

/** `type` of the nearest package.json: `module`, `commonjs`, or null when it names neither. */
function packageType(file: string): ModuleFormat | null {
  const dir = dirname(file);
  let type = packageTypes.get(dir);
  if (type === undefined) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const declared = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type;
        type = declared === 'module' || declared === 'commonjs' ? declared : null;
      } catch {
        type = null;
      }
    } else {
      type = dirname(dir) === dir ? null : packageType(dir);
    }
    packageTypes.set(dir, type);
  }
  return type;
}

/**
 * The format Node would give `file` by its extension and package, TypeScript's extensions included.
 * Where the package does not say, a file that only an ES module can be (top-level `await`,
 * `import.meta`) is one, as Node's own syntax detection decides for `.js`; any other is CommonJS, as
 * `tsc` compiles it by default. `source` is the file's text, for that look.
 */
export function formatOf(file: string, source?: string): ModuleFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  const type = packageType(file);
  if (type !== null) return type;
  return source !== undefined && isTypeScript(file) && moduleOnlySyntax(ts(), source, file) !== null
    ? 'module'
    : 'commonjs';
}

/** `.cts`/`.cjs`, or a package whose `type` is `commonjs`. */
function declaredCommonJs(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.cts' || ext === '.cjs' || packageType(file) === 'commonjs';
}

/** What the runner asked for, read once from the environment (or handed to the hooks thread). */
export interface LoaderSettings {
  sourceMaps?: string;
  overridePath?: string;
  overrideText?: string;
  sites?: string;
}

let settings: LoaderSettings = {};

/**
 * Takes the settings out of the environment, so the program sees the environment plain `node`
 * would give it, and the processes it starts do not inherit them.
 */
export function takeSettings(env: NodeJS.ProcessEnv): LoaderSettings {
  const taken = {
    sourceMaps: env[LOADER_ENV.sourceMaps],
    overridePath: env[LOADER_ENV.overridePath],
    overrideText: env[LOADER_ENV.overrideText],
    sites: env[LOADER_ENV.sites],
  };
  for (const name of Object.values(LOADER_ENV)) delete env[name];
  return taken;
}

export function configure(given: LoaderSettings): void {
  settings = given;
}

let overrideText: string | undefined;

/** The unsaved text to run instead of `file`'s contents, if the runner gave one for it. */
export function overrideFor(file: string): string | undefined {
  const { overridePath, overrideText: textFile } = settings;
  if (!overridePath || !textFile || overridePath !== file) return undefined;
  overrideText ??= readFileSync(textFile, 'utf8');
  return overrideText;
}

export function sourceOf(file: string): string {
  return overrideFor(file) ?? readFileSync(file, 'utf8');
}

/**
 * Transpiles `source` as `file`. A syntax error is thrown as a SyntaxError naming the place, as
 * Node reports one in JavaScript, so the program crashes the same way.
 */
export function transpile(source: string, file: string, format: ModuleFormat): string {
  const t = ts();
  const output = t.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: format === 'module' ? t.ModuleKind.ESNext : t.ModuleKind.CommonJS,
      target: t.ScriptTarget.ESNext,
      sourceMap: true,
      esModuleInterop: true,
      useDefineForClassFields: true,
    },
  });
  const error = output.diagnostics?.find((d) => d.category === t.DiagnosticCategory.Error);
  // TypeScript emits these into CommonJS as they are. Where the package does not say, Node's syntax
  // detection then loads the file again as an ES module (through the hooks, which choose `module`);
  // where it says CommonJS, Node refuses them, and so does this, with Node's words.
  const moduleOnly =
    !error && format === 'commonjs' && declaredCommonJs(file) ? moduleOnlySyntax(ts(), source, file) : null;
  if (moduleOnly) throw new SyntaxError(`${moduleOnly.message} (${file}:${moduleOnly.line}:${moduleOnly.column})`);
  if (error) {
    const message = t.flattenDiagnosticMessageText(error.messageText, '\n');
    const at =
      error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
    throw new SyntaxError(at ? `${message} (${file}:${at.line + 1}:${at.character + 1})` : `${message} (${file})`);
  }
  const mapsFile = settings.sourceMaps;
  const map = output.sourceMapText ? (JSON.parse(output.sourceMapText) as { sourcesContent?: string[] }) : undefined;
  if (mapsFile && map) appendFileSync(mapsFile, `${JSON.stringify({ file, map })}\n`);
  // TypeScript's comment names a map file that does not exist; the map goes inline instead, with the
  // text that ran (an unsaved editor's, say), so that Node's source-map support (see
  // `enableSourceMaps`) shows the program's own stacks and crash reports at their .ts positions.
  const code = output.outputText.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  if (!map) return code;
  map.sourcesContent = [source];
  return `${code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

let sourceMapsOn = false;

/**
 * Node's own source-map support, as `--enable-source-maps` gives it: `error.stack` and the report of
 * an uncaught error name the .ts positions of the program's TypeScript (the maps inlined above); frames
 * without a map, Node's own among them, read as they always do. Turned on only for a program that
 * runs TypeScript, before its first TypeScript file compiles (Node reads a file's map as it compiles).
 */
export function enableSourceMaps(): void {
  if (sourceMapsOn) return;
  sourceMapsOn = true;
  (process as { setSourceMapsEnabled?: (on: boolean) => void }).setSourceMapsEnabled?.(true);
}
