/**
 * The watchdog: spawns the program's process and waits for it under the limits (time, output, heap,
 * Cancel). The child cannot be asked anything (an endless loop or a starved microtask queue never
 * yields), so every limit is enforced from here; before a kill the runner asks the runtime, over Node's
 * inspector, to write what it still holds (src/core/run/inspector.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { TraceExit } from '../trace/model';
import { stopFileOf } from '../trace/recording';
import { describeBytes, describeMs, type RunLimits } from './limits';
import { guardTree, killTree } from './processTree';
import { heapExhausted, stderrTail } from './stderr';
import {
  callStopHook,
  INSPECTOR_BANNER,
  INSPECTOR_NOTES,
  inspectorUrl,
  readStopReport,
  type StopReport,
} from './inspector';
import type { RunOptions } from './runTrace';

/**
 * How long the runner waits for the program to hand over its recording before it kills it anyway (a
 * program blocked in a system call, or one that took SIGUSR1 for itself, never answers).
 */
export const STOP_DEADLINE_MS = 2000;

export type ParentReason = 'timeout' | 'cancelled' | 'heap-limit' | 'output-limit' | 'signal' | 'spawn-failed';

export interface Outcome {
  exit: TraceExit;
  /** What the stop hook said, when the runner stopped the program and it answered. */
  stopReport?: StopReport;
  durationMs: number;
  /** All the program printed, up to the output limit. */
  output: { stdout: string; stderr: string; cut: ('stdout' | 'stderr')[] };
}

/** The children the program left running as it exited, which the runtime named next to the recording. */
export function childrenLeft(recording: string): number[] {
  try {
    const pids = JSON.parse(readFileSync(`${recording}.children`, 'utf8')) as unknown;
    return Array.isArray(pids) ? pids.filter((pid): pid is number => Number.isInteger(pid) && pid > 0) : [];
  } catch {
    return [];
  }
}

/** The inspector can be opened on a running child by a signal (POSIX). */
export function canInspect(): boolean {
  return process.platform !== 'win32';
}

/**
 * What the runner keeps of each stream, to place output nobody recorded (src/core/trace/outsideOutput.ts):
 * far more than a trace shows, and far below the longest string V8 makes (512 Mi characters).
 */
export const KEPT_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Spawns the child and waits for it under the limits. Never rejects. */
export function watch(
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
