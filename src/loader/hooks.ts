/**
 * ES module hooks for the loader (registered by loader.ts through `module.register`; they run in
 * Node's loader thread): TypeScript files and the unsaved editor's text, for `import`.
 */
import { fileURLToPath } from 'node:url';
import { configure, formatOf, isTypeScript, overrideFor, sourceOf, transpile, type LoaderSettings } from './transpile';

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;
interface LoadContext {
  format?: string | null;
  conditions?: string[];
}
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: LoadContext) => Promise<LoadResult>;

/** The settings the main thread took from the environment before the program could see them. */
export function initialize(data: LoaderSettings | undefined): void {
  configure(data ?? {});
}

/** TypeScript sources import './util.js' meaning './util.ts'. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
  try {
    return await next(specifier, context);
  } catch (error) {
    const ts = /^\.\.?\/.*\.(m|c)?js$/.test(specifier) ? specifier.replace(/js$/, 'ts') : undefined;
    if (!ts || (error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return next(ts, context);
  }
}

export async function load(url: string, context: LoadContext, next: NextLoad): Promise<LoadResult> {
  if (!url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  if (isTypeScript(file)) {
    const source = sourceOf(file);
    const format = formatOf(file, source);
    return { format, source: transpile(source, file, format), shortCircuit: true };
  }
  const text = overrideFor(file);
  if (text !== undefined) return { format: context.format ?? formatOf(file), source: text, shortCircuit: true };
  return next(url, context);
}
