import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Requires a large CommonJS module (TypeScript's compiler, ~9 MB) through a V8 code cache: `lint` is a
 * short process, and compiling that file was a fifth of a 6,000-line lint. The cache lives in the user's
 * own cache folder (never a shared temporary one: V8 runs what the cache holds), is keyed by the file, its
 * modification time and the Node version, and is written at exit, after the analysis has compiled the
 * functions it uses. Any failure falls back to a plain `require`.
 */
export function requireWithCodeCache(id: string, from: string): unknown {
  const require = createRequire(from);
  const filename = require.resolve(id);
  try {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    const folder = join(base, 'promise-lens');
    const key = createHash('sha256')
      .update(`${filename}\0${statSync(filename).mtimeMs}\0${process.version}\0${process.arch}`)
      .digest('hex')
      .slice(0, 16);
    const cacheFile = join(folder, `${basename(filename)}-${key}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
    const module = { exports: {}, filename, id: filename, loaded: false };
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
    module.loaded = true;
    if (!cachedData || script.cachedDataRejected) {
      process.once('exit', () => {
        try {
          // One level at a time: a recursive mkdir under some paths (/proc) never returns on Node 20.
          for (const dir of [base, folder]) if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
          const partial = `${cacheFile}.${process.pid}`;
          writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
          renameSync(partial, cacheFile);
        } catch {
          // No cache this time: the next run compiles the file again, as it always did.
        }
      });
    }
    return module.exports;
  } catch {
    return require(id);
  }
}
