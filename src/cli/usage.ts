/** A command line a command cannot take: the message, then the command's help, exit 2. */
export class UsageError extends Error {}

export function usage(): string {
  return `Usage: promise-lens <command> [options]

Commands:
  trace <file>      run a file with the promise tracer and print its timeline
  lint <files...>   find callback hell and nested .then chains
  fix <file>        rewrite callback hell into a flat .then chain (or async/await)

Run 'promise-lens <command> --help' for a command's options.
`;
}
