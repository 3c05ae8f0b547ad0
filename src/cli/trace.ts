/**
 * `promise-lens trace <file>`: runs the file under the tracer and writes its trace. The exit code is
 * the traced program's own (128 + the signal number when a signal ended it, as shells report), and
 * 2 when the file could not be traced at all.
 */
import { fstatSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './usage';
import { constants } from 'node:os';
import { CannotTrace, DEFAULT_LIMITS, findNode, MAX_TIMEOUT_MS, NodeNotFound, runTrace } from '../core/run';
import { locate } from '../core/locate';
import {
  DEFAULT_FORMAT,
  describeExit,
  formats,
  recordingRun,
  summaryText,
  type TraceFormat,
} from '../core/trace/format';
import { readRecording } from '../core/trace/recording';
import { writePieces } from '../core/trace/format/writeFile';
import { explainTrace } from '../core/explain';
import type { Trace } from '../core/trace/model';

export function traceUsage(): string {
  const names = Object.keys(formats);
  const width = Math.max(...names.map((n) => n.length));
  return `Usage: promise-lens trace <file> [options] [-- program arguments]

Runs <file> (.js, .mjs, .cjs, .ts, .mts, .cts, a file without an extension, or a folder, whose
package.json "main" or index.js runs, as with node) in a separate Node process with the promise
tracer and writes what the event loop did.

Options:
  -f, --format NAME     output format (default ${DEFAULT_FORMAT}):
${names.map((n) => `                          ${n.padEnd(width)}  ${formats[n].description}`).join('\n')}
  -o, --out FILE        write the trace to FILE (the program's own output then goes to the terminal)
      --timeout MS      stop the program after MS milliseconds (default ${DEFAULT_LIMITS.timeoutMs})
      --max-events N    stop recording after N events; the program runs on (default ${DEFAULT_LIMITS.maxEvents})
      --max-heap MB     the program's heap limit (default ${DEFAULT_LIMITS.maxHeapMb})
      --max-output B    stop the program after it printed B bytes (default ${DEFAULT_LIMITS.maxOutputBytes})
      --node PATH       the Node that runs it (default: node on PATH)
      --recording REC   run nothing: format the recording REC that the preload dist/register.js
                        wrote (PROMISE_LENS_OUT=REC node --require .../dist/register.js app.js)
  -h, --help            show this help

Exit code: the program's own; 2 when the file cannot be traced.
With no --out, the trace goes to stdout, except the native format on a terminal, which goes to
<name>.pltrace in the current folder.
`;
}

/** Whether two descriptors of this process are one terminal, pipe or file. */
function sameFile(a: number, b: number): boolean {
  try {
    const [x, y] = [fstatSync(a), fstatSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Piped to the CLI, input reaches the program; with no stdin at all, it reads end-of-file. */
function stdinIfOpen(): 'inherit' | 'ignore' {
  try {
    fstatSync(0);
    return 'inherit';
  } catch {
    return 'ignore';
  }
}

/** Signals that stop the CLI: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS: NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

function positiveInteger(
  name: string,
  text: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
  unit = '',
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`--${name} needs a positive whole number, not '${text}'`);
  if (value > max) throw new UsageError(`--${name} is at most ${max}${unit}, not ${text}`);
  return value;
}

function exitCodeOf(trace: Trace): number {
  const { code, signal } = trace.exit;
  if (code !== null) return code;
  if (signal) return 128 + (constants.signals[signal as NodeJS.Signals] ?? 0);
  return 1;
}

/** `--recording`: a recording made by the preload on its own, written in a trace format. */
function formatRecording(
  recording: string,
  entry: string | undefined,
  format: TraceFormat<string | Uint8Array>,
  out: string | undefined,
): number {
  let trace: Trace;
  try {
    trace = readRecording(recording, recordingRun(recording, entry && resolve(entry)));
    locate(trace);
    explainTrace(trace);
  } catch (error) {
    process.stderr.write(`promise-lens trace: ${recording}: ${(error as Error).message}\n`);
    return 2;
  }
  writeTrace(format, trace, out);
  return 0;
}

export async function traceCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        timeout: { type: 'string' },
        'max-events': { type: 'string' },
        'max-heap': { type: 'string' },
        'max-output': { type: 'string' },
        node: { type: 'string' },
        recording: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`promise-lens trace: ${(error as Error).message}\n\n${traceUsage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(traceUsage());
    return 0;
  }
  const [file, ...programArgs] = positionals;
  const formatName = values.format ?? DEFAULT_FORMAT;
  const format = formats[formatName];
  if (values.recording !== undefined && format) return formatRecording(values.recording, file, format, values.out);
  let limits;
  try {
    if (!file) throw new UsageError('which file? Give the file to trace.');
    if (!format) throw new UsageError(`unknown format '${formatName}' (one of: ${Object.keys(formats).join(', ')})`);
    limits = {
      timeoutMs: positiveInteger(
        'timeout',
        values.timeout,
        MAX_TIMEOUT_MS,
        ' (about 24.8 days, the longest a timer waits)',
      ),
      maxEvents: positiveInteger('max-events', values['max-events']),
      maxHeapMb: positiveInteger('max-heap', values['max-heap']),
      maxOutputBytes: positiveInteger('max-output', values['max-output']),
    };
  } catch (error) {
    process.stderr.write(`promise-lens trace: ${(error as Error).message}\n\n${traceUsage()}`);
    return 2;
  }

  let out = values.out;
  if (out !== undefined && resolve(out) === resolve(file)) {
    process.stderr.write(
      `promise-lens trace: --out ${out} is the program itself; writing the trace there would overwrite it.\n`,
    );
    return 2;
  }
  if (!out && formatName === 'native' && process.stdout.isTTY)
    out = `${basename(file, extname(file))}${format.extension}`;
  const toFile = out !== undefined;
  const inheritOutput = toFile && process.platform !== 'win32' && (process.stdout.isTTY || sameFile(1, 2));

  // The program runs in its own process group, out of reach of the terminal's Ctrl-C and of a closed
  // terminal: each stops it as Cancel does (everything recorded is kept), the trace is written, the
  // temporary folder removed, and the exit code is the signal's, as a shell reports it (130 for Ctrl-C).
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const interrupt = (signal: NodeJS.Signals): void => {
    received ??= signal;
    controller.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, interrupt);
  let trace: Trace;
  try {
    const node = await findNode({ configured: values.node, fallback: { command: process.execPath, env: {} } });
    trace = await runTrace({
      file: resolve(file),
      args: programArgs,
      distDir: __dirname,
      node,
      ...limits,
      signal: controller.signal,
      // Written to a file, the trace leaves the terminal to the program, as plain `node` would: a
      // terminal, or one pipe or file for both streams, the program gets as its own (it sees a TTY,
      // its lines keep their order); otherwise its output is passed on as it comes.
      inheritOutput,
      stdin: inheritOutput || !process.stdin.isTTY ? stdinIfOpen() : 'ignore',
      onOutput:
        toFile && !inheritOutput
          ? (stream, chunk) => (stream === 'stdout' ? process.stdout : process.stderr).write(chunk)
          : undefined,
    });
  } catch (error) {
    if (error instanceof CannotTrace || error instanceof NodeNotFound) {
      process.stderr.write(`promise-lens trace: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, interrupt);
  }

  if (trace.exit.reason === 'spawn-failed') {
    process.stderr.write(`promise-lens trace: ${trace.exit.message ?? 'Node could not be started'}\n`);
    return 2;
  }
  writeTrace(format, trace, out);
  if (out) process.stderr.write(`promise-lens trace: ${summaryText(trace)}\npromise-lens trace: wrote ${out}\n`);
  else if (!['completed', 'exit', 'crashed', 'event-limit'].includes(trace.exit.reason))
    process.stderr.write(`promise-lens trace: ${describeExit(trace.exit)}\n`);
  return received ? 128 + (constants.signals[received] ?? 0) : exitCodeOf(trace);
}

/**
 * Writes the trace to `out`, or to stdout, a piece at a time (`format.pieces`): a trace of a few million
 * events is more text than one string holds.
 */
function writeTrace(format: TraceFormat<string | Uint8Array>, trace: Trace, out: string | undefined): void {
  if (out === undefined) {
    for (const piece of format.pieces(trace)) process.stdout.write(piece);
    return;
  }
  writePieces(out, format.pieces(trace));
}
