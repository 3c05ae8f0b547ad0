import { parseArgs as parseCommandLine } from 'node:util';
import { UsageError } from './usage';

/** Options shared by `lint` and `fix`; a bad option is an error (exit 2), never a silent default. */
export interface ParsedArgs {
  files: string[];
  options: Map<string, string | true>;
}

/** `node:util`'s parser, its errors as usage errors; `valued` take a value, `flags` none. */
export function parseArgs(args: string[], valued: string[], flags: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of valued) options[name] = { type: 'string' };
  for (const name of flags) options[name] = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseCommandLine({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const map = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values))
    if (value !== undefined) map.set(name, value as string | true);
  return { files: parsed.positionals, options: map };
}

export function maxDepthOf(options: Map<string, string | true>): number | undefined {
  const raw = options.get('max-depth');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2)
    throw new UsageError(`--max-depth must be a whole number of at least 2, not '${String(raw)}'`);
  return n;
}
