/**
 * Runs one program under the tracer in a separate Node process and returns its trace. The parent
 * holds the watchdog: the child cannot be asked anything (an endless loop or a starved microtask
 * queue never yields), so every limit is enforced from here by killing the child's process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Trace, TraceExit } from '../trace/model';
import { readRecording, RECORDING_ENV, type RunInfo } from '../trace/recording';
import { DEFAULT_LIMITS, describeBytes, describeMs, type RunLimits } from './limits';
import { LOADER_ENV, TYPESCRIPT_EXTENSIONS } from './loaderEnv';
import { applySourceMaps, readSourceMaps } from './mapLocations';
import { readFromDisk, resolveHandlers } from './handlers';
import { toEditorColumns } from './bom';
import { explainTrace } from '../explain';
import { describeExit } from '../trace/format/summary';
import type { NodeRuntime } from './node';
import { guardTree, killTree } from './processTree';
import { heapExhausted, stderrTail, uncaughtFromStderr } from './stderr';

/** The file cannot be traced at all; the message says why, for people. */
export class CannotTrace extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotTrace';
  }
}

export interface RunOptions extends Partial<RunLimits> {
  /** The entry file. With `text`, the path it runs under (imports resolve next to it). */
  file: string;
  /** Unsaved contents to run instead of what is on disk. */
  text?: string;
  /** Folder holding `register.js` and `loader.js` (the package's `dist/`). */
  distDir: string;
  node: NodeRuntime;
  cwd?: string;
  /** Arguments for the program itself. */
  args?: string[];
  /** Aborting kills the program; the trace then says `cancelled`. */
  signal?: AbortSignal;
  /** The program's output as it comes, up to the output limit. */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Called with the child's pid once it runs (its process group has the same id). */
  onSpawn?: (pid: number) => void;
}

type ParentReason = 'timeout' | 'cancelled' | 'heap-limit' | 'output-limit' | 'signal' | 'spawn-failed';

interface Outcome {
  exit: TraceExit;
  durationMs: number;
  /** All the program printed, up to the output limit. */
  output: { stdout: string; stderr: string };
}

function needsLoader(options: RunOptions): boolean {
  return options.text !== undefined || (TYPESCRIPT_EXTENSIONS as readonly string[]).includes(extname(options.file).toLowerCase());
}

function checkInputs(options: RunOptions, file: string): void {
  if (options.text === undefined) {
    if (!existsSync(file)) throw new CannotTrace(`No such file: ${file}`);
    if (statSync(file).isDirectory()) throw new CannotTrace(`${file} is a folder, not a file to run.`);
  }
  for (const name of ['register.js', ...(needsLoader(options) ? ['loader.js'] : [])]) {
    if (!existsSync(join(options.distDir, name))) {
      throw new CannotTrace(`The tracer is not built: ${join(options.distDir, name)} is missing (run \`npm run build\`).`);
    }
  }
}

export async function runTrace(options: RunOptions): Promise<Trace> {
  const file = resolve(options.file);
  checkInputs(options, file);
  const limits: RunLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxEvents: options.maxEvents ?? DEFAULT_LIMITS.maxEvents,
    maxHeapMb: options.maxHeapMb ?? DEFAULT_LIMITS.maxHeapMb,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes,
  };
  const work = mkdtempSync(join(tmpdir(), 'promise-lens-run-'));
  try {
    const recording = join(work, 'recording');
    const maps = join(work, 'source-maps.jsonl');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.node.env,
      [RECORDING_ENV.out]: recording,
      [RECORDING_ENV.maxEvents]: String(limits.maxEvents),
      [RECORDING_ENV.entry]: file,
    };
    const preloads: string[] = [];
    if (needsLoader(options)) {
      env[LOADER_ENV.sourceMaps] = maps;
      if (options.text !== undefined) {
        const textFile = join(work, 'unsaved-text');
        writeFileSync(textFile, options.text);
        env[LOADER_ENV.overridePath] = file;
        env[LOADER_ENV.overrideText] = textFile;
      }
      // Node loads an `.mts` entry with its CommonJS loader unless an `--import` makes the ES module
      // loader take over; the loader's hooks then compile it. Everything else goes through `--require`.
      const loader = join(options.distDir, 'loader.js');
      if (extname(file).toLowerCase() === '.mts') preloads.push('--import', pathToFileURL(loader).href);
      else preloads.push('--require', loader);
    }
    preloads.push('--require', join(options.distDir, 'register.js'));
    // `--expose-internals` lets the runtime read a promise's state and value through Node's own
    // `getPromiseDetails` instead of `util.inspect` (src/runtime/intrinsics.ts).
    const nodeFlags = [`--max-old-space-size=${limits.maxHeapMb}`, '--expose-internals', ...preloads];
    // The runtime takes these back out of `process.execArgv`, which then reads as under plain `node`.
    env[RECORDING_ENV.nodeFlags] = String(nodeFlags.length);
    const args = [...nodeFlags, file, ...(options.args ?? [])];

    const startedAt = new Date().toISOString();
    const outcome = await watch(options, limits, () =>
      spawn(options.node.command, args, {
        cwd: options.cwd,
        env,
        // stdin reads /dev/null: a program waiting for input sees end-of-file at once.
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group (POSIX), so the watchdog kills everything the program started.
        detached: process.platform !== 'win32',
        windowsHide: true,
      }),
    );
    const run: RunInfo = { file, node: options.node.version, startedAt, durationMs: outcome.durationMs, exit: outcome.exit, output: outcome.output };
    let trace: Trace;
    try {
      trace = readRecording(recording, run);
    } catch (error) {
      throw new CannotTrace(`The program ran (${describeExit(outcome.exit)}) but its recording could not be read: ${(error as Error).message}`);
    }
    refineCrash(trace, stderrTail(outcome.output.stderr));
    if (needsLoader(options)) applySourceMaps(trace, readSourceMaps(maps));
    const text = options.text;
    const read = (path: string): string | undefined => (text !== undefined && path === file ? text : readFromDisk(path));
    resolveHandlers(trace, read);
    toEditorColumns(trace, read);
    explainTrace(trace);
    return trace;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Spawns the child and waits for it under the limits. Never rejects. */
function watch(options: RunOptions, limits: RunLimits, start: () => ChildProcess): Promise<Outcome> {
  return new Promise((resolveOutcome) => {
    const t0 = performance.now();
    const printed: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
    let stopped: { reason: ParentReason; message: string } | undefined;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    let outputBytes = 0;
    let child: ChildProcess;

    // Assigned once the child runs; `finish` may come first (a spawn that throws).
    let guard: { release: () => void } | undefined = undefined;
    /** `exit` may need what the program wrote to stderr: then it is a function of that. */
    const finish = (exit: TraceExit | ((stderr: string) => TraceExit)): void => {
      if (settled) return;
      settled = true;
      guard?.release();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const output = { stdout: Buffer.concat(printed.stdout).toString('utf8'), stderr: Buffer.concat(printed.stderr).toString('utf8') };
      resolveOutcome({ exit: typeof exit === 'function' ? exit(output.stderr) : exit, durationMs: performance.now() - t0, output });
    };
    const stop = (reason: ParentReason, message: string): void => {
      if (stopped || exited || settled) return;
      stopped = { reason, message };
      if (child.pid !== undefined) killTree(child.pid);
    };
    const onAbort = (): void => stop('cancelled', 'Cancelled; the program was stopped.');
    const timer = setTimeout(
      () => stop('timeout', `Stopped after ${describeMs(limits.timeoutMs)}: the program was still running at the time limit.`),
      limits.timeoutMs,
    );

    try {
      child = start();
    } catch (error) {
      finish(spawnFailed(options, error));
      return;
    }
    guard = child.pid !== undefined ? guardTree(child.pid) : undefined;
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    const listen = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (stopped?.reason === 'output-limit') return;
      outputBytes += chunk.length;
      if (outputBytes > limits.maxOutputBytes) {
        stop('output-limit', `Stopped: the program printed more than ${describeBytes(limits.maxOutputBytes)} of output.`);
        return;
      }
      printed[stream].push(chunk);
      options.onOutput?.(stream, chunk);
    };
    child.stdout?.on('data', listen('stdout'));
    child.stderr?.on('data', listen('stderr'));

    child.on('error', (error) => finish(spawnFailed(options, error)));
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      // Whatever the program left behind (a child process, a server) goes with it.
      if (child.pid !== undefined) killTree(child.pid);
      // Output still in the pipes arrives before 'close'; a descendant that escaped the group and
      // holds them open must not keep the trace waiting.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish((stderr) => exitOf(exited!, stopped, stderr, limits));
      }, 2000).unref();
    });
    child.on('close', () => {
      if (exited) finish((stderr) => exitOf(exited!, stopped, stderr, limits));
    });
  });
}

function spawnFailed(options: RunOptions, error: unknown): TraceExit {
  const message = error instanceof Error ? error.message : String(error);
  return { code: null, signal: null, reason: 'spawn-failed', message: `Could not start ${options.node.command}: ${message}` };
}

function exitOf(
  exited: { code: number | null; signal: NodeJS.Signals | null },
  stopped: { reason: ParentReason; message: string } | undefined,
  stderr: string,
  limits: RunLimits,
): TraceExit {
  const { code, signal } = exited;
  if (stopped) return { code, signal, reason: stopped.reason, message: stopped.message };
  if (heapExhausted(stderrTail(stderr))) {
    return { code, signal, reason: 'heap-limit', message: `The program ran out of memory at the ${limits.maxHeapMb} MB heap limit.` };
  }
  if (signal) return { code, signal, reason: 'signal', message: `The program was killed by ${signal}.` };
  return { code, signal, reason: 'completed' };
}

/**
 * An error thrown before the runtime could see it (a SyntaxError in the entry, an error while
 * loading) ends the program as a crash even when the recording does not say so; Node's own report
 * on stderr does.
 */
function refineCrash(trace: Trace, stderrTail: string): void {
  if (trace.exit.reason !== 'completed' || !trace.exit.code) return;
  const error = uncaughtFromStderr(stderrTail);
  if (error) trace.exit = { ...trace.exit, reason: 'crashed', message: trace.exit.message ?? error };
}
