/**
 * The `promise-lens` command: the same engine as the extension, for terminals and CI.
 * Each subcommand lives in src/cli/ and returns the process exit code.
 */
import { usage } from './cli/usage';

type Subcommand = (args: string[]) => Promise<number>;

/** Loaded lazily so `promise-lens lint` never pays for the tracer, nor `trace` for the analysis. */
const subcommands: Record<string, () => Promise<Subcommand>> = {
  lint: async () => (await import('./cli/lint')).lint,
  fix: async () => (await import('./cli/fix')).fix,
  trace: async () => (await import('./cli/trace')).traceCli,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const load = subcommands[name];
  if (!load) {
    process.stderr.write(`promise-lens: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return (await load())(rest);
}

declare const PACKAGE_VERSION: string;

// A reader that stops early (`| head`, `| diff` that exits) closes the pipe: what is left is not
// written, and no command ends in an EPIPE error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`promise-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
