import { readFileSync } from 'node:fs';
import { analyze, planFix, scriptKindOf } from '../core/callbackHell';
import { maxDepthOf, parseArgs } from './callbackHellArgs';
import { UsageError } from './usage';

const HELP = `Usage: promise-lens lint <files...> [--format text|json] [--max-depth N]

Finds callback pyramids nested at least N deep (default 3) and nested .then chains.
--format json prints one array of every file's findings, each
  { file, rule, line, column, endLine, endColumn, depth, message, fixable, reason }
  (file as given on the command line; lines and columns 1-based; reason null when fixable).
Exit code: 0 no findings, 1 findings, 2 error.
`;

/** One finding as `--format json` prints it; lines and columns are 1-based. */
export interface LintRecord {
  /** The path as given on the command line, so the findings of several files can be told apart. */
  file: string;
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  depth: number;
  message: string;
  fixable: boolean;
  reason: string | null;
}

export async function lint(args: string[]): Promise<number> {
  try {
    const { files, options } = parseArgs(args, ['format', 'max-depth'], ['help']);
    if (options.has('help')) {
      process.stdout.write(HELP);
      return 0;
    }
    const format = options.get('format') ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format must be text or json, not '${String(format)}'`);
    const maxDepth = maxDepthOf(options);
    if (files.length === 0) throw new UsageError('name at least one file');
    const all: LintRecord[] = [];
    for (const file of files) all.push(...lintText(readFileSync(file, 'utf8'), file, maxDepth));
    if (format === 'json') process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    else {
      for (const r of all) {
        const fix = r.fixable ? 'quick fix available' : `no quick fix: ${r.reason}`;
        process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.rule}: ${r.message} (${fix})\n`);
      }
      if (all.length > 0) process.stdout.write(`${all.length} finding${all.length === 1 ? '' : 's'}\n`);
    }
    return all.length > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`promise-lens lint: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${HELP}`);
    return 2;
  }
}

export function lintText(text: string, file: string, maxDepth?: number): LintRecord[] {
  const analysis = analyze(text, scriptKindOf(file) ?? 'JS', maxDepth);
  const sf = analysis.parsed.sourceFile;
  return analysis.findings.map((finding) => {
    const start = sf.getLineAndCharacterOfPosition(finding.start);
    const end = sf.getLineAndCharacterOfPosition(finding.end);
    const then = planFix(analysis, finding, 'then');
    const fixable =
      !('reason' in then) || (finding.rule === 'callback-hell' && !('reason' in planFix(analysis, finding, 'async')));
    return {
      file,
      rule: finding.rule,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      depth: finding.depth,
      message: finding.message,
      fixable,
      reason: 'reason' in then ? then.reason : null,
    };
  });
}
