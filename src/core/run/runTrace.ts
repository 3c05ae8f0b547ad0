/**
 * Runs one program under the tracer in a separate Node process and returns its trace: the command
 * line and environment of the child, the watchdog that runs it (./watch.ts), then the recording read,
 * what Node's stderr adds (./afterRun.ts), located (core/locate) and explained (core/explain).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Trace } from '../trace/model';
import { readRecording, RECORDING_ENV, type RunInfo } from '../trace/recording';
import { DEFAULT_LIMITS, MAX_TIMEOUT_MS, type RunLimits } from './limits';
import { LOADER_ENV, TYPESCRIPT_EXTENSIONS } from '../../wire/env';
import { locate, readFromDisk, readSourceMaps } from '../locate';
import { explainTrace } from '../explain';
import { typescript } from '../syntax/typescript';
import { describeExit } from '../trace/format/summary';
import type { NodeRuntime } from './node';
import { stderrTail } from './stderr';
import { freePort } from './inspector';
import { canInspect, watch } from './watch';
import { noteStdinEof, placeSyntaxError, refineCrash } from './afterRun';

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
    setImmediate(() => {
      try {
        typescript();
      } catch {
        // Loaded again where it is needed, which reports the failure as part of the trace.
      }
    });
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
