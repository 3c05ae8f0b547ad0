/** Options shared by `lint` and `fix`; a bad option is an error (exit 2), never a silent default. */
export interface ParsedArgs {
  files: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], valued: string[], flags: string[]): ParsedArgs {
  const files: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) options.set(name, true);
    else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { files, options };
}

export function maxDepthOf(options: Map<string, string | true>): number | undefined {
  const raw = options.get('max-depth');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2)
    throw new UsageError(`--max-depth must be a whole number of at least 2, not '${String(raw)}'`);
  return n;
}
