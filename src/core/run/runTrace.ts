/**
 * Runs one program under the tracer in a separate Node process and returns its trace. The parent
 * holds the watchdog: the child cannot be asked anything (an endless loop or a starved microtask
 * queue never yields), so every limit is enforced from here by killing the child's process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Trace, TraceExit } from '../trace/model';
import { readRecording, RECORDING_ENV, stopFileOf, type RunInfo } from '../trace/recording';
import { DEFAULT_LIMITS, describeBytes, describeMs, MAX_TIMEOUT_MS, type RunLimits } from './limits';
import { LOADER_ENV, TYPESCRIPT_EXTENSIONS } from '../../wire/env';
import { locate, readFromDisk, readSourceMaps } from '../locate';
import { explainTrace } from '../explain';
import { typescript } from '../syntax/typescript';
import { describeExit } from '../trace/format/summary';
import type { NodeRuntime } from './node';
import { guardTree, killTree } from './processTree';
import { heapExhausted, stderrTail, syntaxErrorFromStderr, uncaughtFromStderr } from './stderr';
import {
  callStopHook,
  freePort,
  INSPECTOR_BANNER,
  INSPECTOR_NOTES,
  inspectorUrl,
  readStopReport,
  type StopReport,
} from './inspector';

/**
 * How long the runner waits for the program to hand over its recording before it kills it anyway (a
 * program blocked in a system call, or one that took SIGUSR1 for itself, never answers).
 */
export const STOP_DEADLINE_MS = 2000;

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
  /**
   * The program gets this process's own stdout and stderr (a terminal: it sees a TTY; one pipe or
   * file for both: its lines keep their order) and stays in this process's process group, so the
   * terminal's Ctrl-C reaches it as under plain node. Its output is then not seen by the runner:
   * `onOutput` is not called and the trace has no `outside` lines.
   */
  inheritOutput?: boolean;
  /** The program's stdin: this process's own (`inherit`), or end-of-file at once (the default). */
  stdin?: 'inherit' | 'ignore';
}

type ParentReason = 'timeout' | 'cancelled' | 'heap-limit' | 'output-limit' | 'signal' | 'spawn-failed';

interface Outcome {
  exit: TraceExit;
  /** What the stop hook said, when the runner stopped the program and it answered. */
  stopReport?: StopReport;
  durationMs: number;
  /** All the program printed, up to the output limit. */
  output: { stdout: string; stderr: string; cut: ('stdout' | 'stderr')[] };
}

function needsLoader(options: RunOptions): boolean {
  return (
    options.text !== undefined ||
    (TYPESCRIPT_EXTENSIONS as readonly string[]).includes(extname(options.file).toLowerCase())
  );
}

/**
 * The file Node runs for `given`: itself, or for a folder what `node folder` runs (its package.json
 * `main`, else its `index.js`), found the way Node's CommonJS loader finds a main entry.
 */
function entryOf(options: RunOptions, given: string): string {
  if (options.text !== undefined) return given;
  if (!existsSync(given)) throw new CannotTrace(`No such file: ${given}`);
  if (!statSync(given).isDirectory()) return given;
  try {
    return createRequire(join(given, 'noop.js')).resolve(given);
  } catch {
    throw new CannotTrace(
      `${given} is a folder with nothing for Node to run (no package.json "main" it can find, no index.js).`,
    );
  }
}

function checkInputs(options: RunOptions): void {
  for (const name of ['register.js', ...(needsLoader(options) ? ['loader.js'] : [])]) {
    if (!existsSync(join(options.distDir, name))) {
      throw new CannotTrace(
        `The tracer is not built: ${join(options.distDir, name)} is missing (run \`npm run build\`).`,
      );
    }
  }
}

export async function runTrace(options: RunOptions): Promise<Trace> {
  // What the program is started with (`process.argv[1]`), and the file that then runs.
  const given = resolve(options.file);
  const file = entryOf(options, given);
  checkInputs(options);
  const limits: RunLimits = {
    // A timer cannot wait longer (Node would fire it at once, with a warning).
    timeoutMs: Math.min(options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs, MAX_TIMEOUT_MS),
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
      [RECORDING_ENV.maxOutput]: String(limits.maxOutputBytes),
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
    // `--inspect-port=0` opens nothing: it lets the runner open the inspector on a free port before it
    // kills the program, to have the runtime write what it still holds (src/core/run/inspector.ts).
    // With its output inherited the runner cannot read the port Node prints, nor keep Node's lines about
    // the inspector out of the program's output: it picks the port, and Node publishes the address
    // over HTTP only (`--inspect-publish-uid=http`), printing nothing.
    const inspectPort = canInspect() ? (options.inheritOutput ? await freePort() : 0) : undefined;
    const nodeFlags = [
      `--max-old-space-size=${limits.maxHeapMb}`,
      '--expose-internals',
      ...(inspectPort !== undefined ? [`--inspect-port=${inspectPort}`] : []),
      ...(inspectPort !== undefined && inspectPort !== 0 ? ['--inspect-publish-uid=http'] : []),
      ...preloads,
    ];
    // The runtime takes these back out of `process.execArgv`, which then reads as under plain `node`.
    env[RECORDING_ENV.nodeFlags] = String(nodeFlags.length);
    const args = [...nodeFlags, given, ...(options.args ?? [])];

    const startedAt = new Date().toISOString();
    // Locating handlers afterwards needs TypeScript's parser; it loads while the child starts Node
    // and runs, time the runner otherwise spends waiting (its output waits as long, at most).
    setImmediate(typescript);
    const outcome = await watch(options, limits, recording, inspectPort, () =>
      spawn(options.node.command, args, {
        cwd: options.cwd,
        env,
        // stdin reads /dev/null unless the caller passes its own: a program waiting for input sees end-of-file at once.
        stdio: [
          options.stdin ?? 'ignore',
          options.inheritOutput ? 'inherit' : 'pipe',
          options.inheritOutput ? 'inherit' : 'pipe',
        ],
        // Its own process group (POSIX), so the watchdog kills everything the program started; with
        // the caller's terminal, the caller's group, which the terminal's Ctrl-C and input reach.
        detached: process.platform !== 'win32' && !options.inheritOutput,
        windowsHide: true,
      }),
    );
    const run: RunInfo = {
      file,
      node: options.node.version,
      startedAt,
      durationMs: outcome.durationMs,
      exit: outcome.exit,
      output: outcome.output,
    };
    let trace: Trace;
    try {
      trace = readRecording(recording, run);
    } catch (error) {
      throw new CannotTrace(
        `The program ran (${describeExit(outcome.exit)}) but its recording could not be read: ${(error as Error).message}`,
      );
    }
    refineCrash(trace, stderrTail(outcome.output.stderr));
    if ((options.stdin ?? 'ignore') === 'ignore') noteStdinEof(trace, `${recording}.stdin`);
    placeSyntaxError(trace, stderrTail(outcome.output.stderr));
    const stuckAt = outcome.stopReport?.stuckAt;
    if (stuckAt)
      trace.exit = {
        ...trace.exit,
        stuckAt: {
          file: stuckAt.file.startsWith('file://') ? fileURLToPath(stuckAt.file) : stuckAt.file,
          line: stuckAt.line,
          column: stuckAt.column,
        },
      };
    const text = options.text;
    locate(trace, {
      read: (path) => (text !== undefined && path === file ? text : readFromDisk(path)),
      maps: needsLoader(options) ? readSourceMaps(maps) : undefined,
    });
    explainTrace(trace);
    return trace;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The children the program left running as it exited, which the runtime named next to the recording. */
function childrenLeft(recording: string): number[] {
  try {
    const pids = JSON.parse(readFileSync(`${recording}.children`, 'utf8')) as unknown;
    return Array.isArray(pids) ? pids.filter((pid): pid is number => Number.isInteger(pid) && pid > 0) : [];
  } catch {
    return [];
  }
}

/** The inspector can be opened on a running child by a signal (POSIX). */
function canInspect(): boolean {
  return process.platform !== 'win32';
}

/**
 * What the runner keeps of each stream, to place output nobody recorded (src/core/trace/outsideOutput.ts):
 * far more than a trace shows, and far below the longest string V8 makes (512 Mi characters).
 */
export const KEPT_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Spawns the child and waits for it under the limits. Never rejects. */
function watch(
  options: RunOptions,
  limits: RunLimits,
  recording: string,
  inspectPort: number | undefined,
  start: () => ChildProcess,
): Promise<Outcome> {
  const stopFile = stopFileOf(recording);
  return new Promise((resolveOutcome) => {
    const t0 = performance.now();
    const printed: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
    const keptBytes = { stdout: 0, stderr: 0 };
    /** The end of stderr past what is kept, where Node's report of a crash or a heap exhausted is. */
    let stderrEnd = '';
    const cut = new Set<'stdout' | 'stderr'>();
    let stopped: { reason: ParentReason; message: string } | undefined;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    let outputBytes = 0;
    let stopReport: StopReport | undefined;
    let child: ChildProcess;
    /** While the runner waits for the inspector's address: stderr since the signal, searched for it. */
    let awaitingBanner: ((url: string) => void) | undefined;
    let sinceSignal = '';

    // Assigned once the child runs; `finish` may come first (a spawn that throws).
    let guard: { release: () => void } | undefined = undefined;
    /** `exit` may need what the program wrote to stderr: then it is a function of that. */
    const finish = (exit: TraceExit | ((stderr: string) => TraceExit)): void => {
      if (settled) return;
      settled = true;
      guard?.release();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // What came on stderr after the signal without the inspector's line (it never opened) is the program's.
      if (sinceSignal && stopped?.reason !== 'output-limit') printed.stderr.push(Buffer.from(sinceSignal, 'latin1'));
      const output = {
        stdout: Buffer.concat(printed.stdout).toString('utf8'),
        stderr: Buffer.concat(printed.stderr).toString('utf8') + stderrEnd,
        cut: cut.size > 0 ? [...cut] : [],
      };
      resolveOutcome({
        exit: typeof exit === 'function' ? exit(output.stderr) : exit,
        durationMs: performance.now() - t0,
        output,
        stopReport,
      });
    };
    const kill = (): void => {
      if (child.pid !== undefined) killTree(child.pid);
    };
    /**
     * Stops the program for `reason`: first asks it, over the inspector, to write what it still holds
     * and say where it was (src/core/run/inspector.ts), then kills the whole group; at the deadline
     * the group is killed whatever the answer.
     */
    const stop = (reason: ParentReason, message: string): void => {
      if (stopped || exited || settled) return;
      stopped = { reason, message };
      const pid = child.pid;
      if (pid === undefined || inspectPort === undefined) {
        kill();
        return;
      }
      const deadline = setTimeout(kill, STOP_DEADLINE_MS);
      deadline.unref();
      const started = performance.now();
      new Promise<string>((resolveUrl, rejectUrl) => {
        awaitingBanner = resolveUrl;
        process.kill(pid, 'SIGUSR1');
        if (inspectPort !== 0) inspectorUrl(inspectPort, STOP_DEADLINE_MS).then(resolveUrl, rejectUrl);
      })
        .then((url) => callStopHook(url, Math.max(1, STOP_DEADLINE_MS - (performance.now() - started))))
        .then(
          (report) => {
            stopReport = report ?? undefined;
          },
          () => undefined,
        )
        .finally(() => {
          clearTimeout(deadline);
          kill();
        });
    };
    const outputLimit = `Stopped: the program printed more than ${describeBytes(limits.maxOutputBytes)} of output.`;
    const onAbort = (): void => stop('cancelled', 'Cancelled; the program was stopped.');
    const timer = setTimeout(
      () =>
        stop(
          'timeout',
          `Stopped after ${describeMs(limits.timeoutMs)}: the program was still running at the time limit.`,
        ),
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
      if (stream === 'stderr' && stopped && canInspect()) {
        // Node's own lines about the inspector the runner opened are not the program's output.
        let text = sinceSignal + chunk.toString('latin1');
        if (awaitingBanner) {
          const banner = INSPECTOR_BANNER.exec(text);
          if (!banner) {
            sinceSignal = text;
            return;
          }
          awaitingBanner(banner[1]);
          awaitingBanner = undefined;
          text = text.slice(0, banner.index) + text.slice(banner.index + banner[0].length);
        }
        sinceSignal = '';
        text = text.replace(INSPECTOR_NOTES, '');
        if (text.length === 0) return;
        chunk = Buffer.from(text, 'latin1');
      }
      if (stopped?.reason === 'output-limit') return;
      outputBytes += chunk.length;
      if (outputBytes > limits.maxOutputBytes) {
        stop('output-limit', outputLimit);
        return;
      }
      // Once a chunk is left out, so is every later one: what is kept is the stream's start, unbroken.
      if (!cut.has(stream) && keptBytes[stream] + chunk.length <= KEPT_OUTPUT_BYTES) {
        printed[stream].push(chunk);
        keptBytes[stream] += chunk.length;
      } else {
        cut.add(stream);
        if (stream === 'stderr') stderrEnd = stderrTail(stderrEnd + chunk.toString('utf8'));
      }
      options.onOutput?.(stream, chunk);
    };
    child.stdout?.on('data', listen('stdout'));
    child.stderr?.on('data', listen('stderr'));

    child.on('error', (error) => finish(spawnFailed(options, error)));
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      const children = childrenLeft(recording);
      // The runtime stopped the program itself at the output limit, counting what it wrote.
      if (!stopped && existsSync(stopFile)) {
        stopped = { reason: 'output-limit', message: outputLimit };
        try {
          stopReport = readStopReport(readFileSync(stopFile, 'utf8'));
        } catch {
          // Killed while writing it: the reason stands.
        }
      }
      // Whatever the program left behind (a child process, a server, a detached one) goes with it.
      if (child.pid !== undefined) killTree(child.pid, children);
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
  return {
    code: null,
    signal: null,
    reason: 'spawn-failed',
    message: `Could not start ${options.node.command}: ${message}`,
  };
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
    return {
      code,
      signal,
      reason: 'heap-limit',
      message: `The program ran out of memory at the ${limits.maxHeapMb} MB heap limit.`,
    };
  }
  if (signal) return { code, signal, reason: 'signal', message: `The program was killed by ${signal}.` };
  return { code, signal, reason: 'completed' };
}

/**
 * An error thrown before the runtime could see it (a SyntaxError in the entry, an error while
 * loading) ends the program as a crash even when the recording does not say so; Node's own report
 * on stderr does.
 */
/** The program took its stdin, which was empty: the runtime said so in `file`. */
function noteStdinEof(trace: Trace, file: string): void {
  if (!existsSync(file)) return;
  let at: Trace['exit']['stuckAt'];
  try {
    at = (JSON.parse(readFileSync(file, 'utf8')) as { at?: Trace['exit']['stuckAt'] }).at;
  } catch {
    at = undefined;
  }
  const place = at
    ? { file: at.file.startsWith('file://') ? fileURLToPath(at.file) : at.file, line: at.line, column: at.column }
    : null;
  trace.stdinEof = { at: place };
}

/**
 * A program Node could not parse: the trace says where (`exit.syntaxError`), and Node's report of it
 * (the source line, the caret, Node's own stack) is not kept as the program's output lines.
 */
function placeSyntaxError(trace: Trace, tail: string): void {
  if (trace.exit.reason !== 'crashed') return;
  const found = syntaxErrorFromStderr(tail);
  if (!found) return;
  const { file, line, column, message } = found;
  trace.exit = { ...trace.exit, message, syntaxError: { file, line, column } };
  // The report is what came last on stderr, after everything the program printed itself.
  let end = trace.events.length;
  while (end > 0) {
    const event = trace.events[end - 1];
    if (event.type !== 'console' || !event.outside || event.stream !== 'stderr') break;
    end--;
  }
  trace.events.length = end;
}

function refineCrash(trace: Trace, stderrTail: string): void {
  if (trace.exit.reason !== 'completed' || !trace.exit.code) return;
  const error = uncaughtFromStderr(stderrTail);
  if (error) trace.exit = { ...trace.exit, reason: 'crashed', message: trace.exit.message ?? error };
}
