/**
 * The one way the extension and the CLI load TypeScript's compiler API: about 9 MB of JavaScript that
 * takes V8 200-250 ms to compile on every start. It is required on first use, never at start-up, and
 * through a V8 code cache kept in a per-user folder: with the cache, loading takes about 90 ms.
 * V8 rejects a cache made by another V8 or with other flags (then it is made again), but of the source
 * it checks only the length: the cache file is named after the V8 version and the source file's size
 * and modification time, so an edited or reinstalled file never meets an old cache. A cache that
 * cannot be read or written costs only the time it would have saved.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type * as TS from 'typescript';

export type { TS };

let loaded: typeof TS | undefined;
let cacheDir: string | null | undefined;

/** Where the code cache lives; `null` turns it off. Set before the first use (the extension's storage). */
export function setTypeScriptCacheDir(dir: string | null): void {
  cacheDir = dir;
}

export function typescript(): typeof TS {
  loaded ??= load();
  return loaded;
}

/** The per-user cache folder of the platform, or the one `PROMISE_LENS_CACHE_DIR` names (empty: none). */
export function defaultCacheDir(): string | null {
  const given = process.env.PROMISE_LENS_CACHE_DIR;
  if (given !== undefined) return given === '' ? null : given;
  const home = homedir();
  if (process.platform === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'promise-lens');
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'promise-lens');
  return join(process.env.XDG_CACHE_HOME ?? join(home, '.cache'), 'promise-lens');
}

function load(): typeof TS {
  const dir = cacheDir === undefined ? defaultCacheDir() : cacheDir;
  if (dir !== null) {
    try {
      return requireCached(require.resolve('typescript'), dir).exports as typeof TS;
    } catch {
      // Loaded the usual way below.
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typescript') as typeof TS;
}

export interface CachedModule {
  exports: unknown;
  /** What became of the cache: used; made (none there, or V8 rejected the one there). */
  cache: 'used' | 'made';
  /** Writes the cache now if it is to be made (else it is written a second later, or at exit). */
  save(): void;
}

/** Runs the CommonJS file `file` as `require` would, compiled with its code cache in the folder `dir`. */
export function requireCached(file: string, dir: string): CachedModule {
  const { size, mtimeMs } = statSync(file);
  const stem = `${basename(file, '.js')}-v8-${process.versions.v8}-${process.arch}-`;
  const cacheFile = join(dir, `${stem}${size}-${Math.round(mtimeMs)}.bin`);
  const cached = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readText(file)}\n})`, {
    filename: file,
    cachedData: cached,
  });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const used = cached !== undefined && script.cachedDataRejected !== true;
  return {
    exports: module.exports,
    cache: used ? 'used' : 'made',
    save: used ? () => {} : saveLater(script, cacheFile, stem),
  };
}

/**
 * The folder and any missing parents, one level at a time: Node 20's recursive `mkdirSync` never
 * returns under some paths (`/proc/...`), which would hang the process at exit.
 */
function makeFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolder(parent);
  mkdirSync(folder, { mode: 0o700 });
}

/** The file's text; an ASCII file (TypeScript's is) decoded as such, in half the time UTF-8 takes. */
function readText(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * The cache is made after the first use, so that it holds the functions that use compiled too (V8
 * compiles most lazily): a second after loading, or when the process exits, whichever comes first.
 */
function saveLater(script: Script, cacheFile: string, stem: string): () => void {
  let saved = false;
  const save = (): void => {
    if (saved) return;
    saved = true;
    clearTimeout(timer);
    process.removeListener('exit', save);
    try {
      makeFolder(dirname(cacheFile));
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      renameSync(partial, cacheFile);
      // The caches of the file as it was before (an update) are of no more use.
      for (const other of readdirSync(dirname(cacheFile)))
        if (other.startsWith(stem) && other.endsWith('.bin') && join(dirname(cacheFile), other) !== cacheFile)
          rmSync(join(dirname(cacheFile), other), { force: true });
    } catch {
      // No cache this time.
    }
  };
  const timer = setTimeout(save, 1000);
  timer.unref();
  process.once('exit', save);
  return save;
}
