import { readFileSync, writeFileSync } from 'node:fs';
import { fixAll, scriptKindOf } from '../core/callbackHell';
import { maxDepthOf, parseArgs } from './callbackHellArgs';
import { UsageError } from './usage';
import { decodeExact, encodeExact } from './callbackHellFile';

const HELP = `Usage: promise-lens fix <file> [--style then|async] [--write] [--max-depth N]

Rewrites every callback pyramid and nested .then chain it can without changing what the program does,
and prints the file (or writes it back with --write). Each site it leaves alone is explained on stderr.
Exit code: 0 at least one site fixed, 1 none could be fixed, 2 error.
`;

export async function fix(args: string[]): Promise<number> {
  try {
    const { files, options } = parseArgs(args, ['style', 'max-depth'], ['write', 'help']);
    if (options.has('help')) {
      process.stdout.write(HELP);
      return 0;
    }
    const style = options.get('style') ?? 'then';
    if (style !== 'then' && style !== 'async')
      throw new UsageError(`--style must be then or async, not '${String(style)}'`);
    const maxDepth = maxDepthOf(options);
    if (files.length !== 1) throw new UsageError('name exactly one file');
    const [file] = files;
    // Bytes that are not UTF-8 stay as they were: only the rewritten ranges change.
    const text = decodeExact(readFileSync(file));
    if (text === undefined)
      throw new Error(
        `${file} holds characters U+10FF00 to U+10FFFF, which fix uses to keep bytes that are not UTF-8; not rewritten`,
      );
    const result = fixAll(text, scriptKindOf(file) ?? 'JS', style, maxDepth);
    for (const d of result.declined)
      process.stderr.write(`${file}:${d.line}: ${d.finding.rule} not fixed: ${d.reason}\n`);
    if (result.fixed === 0 && result.declined.length === 0) process.stderr.write(`${file}: nothing to fix\n`);
    if (options.has('write')) {
      if (result.fixed > 0) writeFileSync(file, encodeExact(result.text));
    } else {
      process.stdout.write(encodeExact(result.text));
    }
    return result.fixed > 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`promise-lens fix: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${HELP}`);
    return 2;
  }
}
