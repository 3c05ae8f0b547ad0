/** The few numbers people ask first about a run: what the output channel and the CLI print. */
import { TASK_KINDS, type TaskKind, type Trace, type TraceExit } from '../model';
import { groupedAwaits, isAwaitWrapper } from '../awaits';
import { stepsOf } from '../steps';

export interface TraceSummary {
  /**
   * The user's promises, as the timeline's rows (Node's own internal ones are counted apart, and the
   * promises V8 makes for an `await` go with their async function: see `awaits`).
   */
  promises: number;
  /** The awaits the program ran in its async functions (`core/trace/awaits.ts`), each drawn on its function's row. */
  awaits: number;
  internalPromises: number;
  /** Jobs the user's code scheduled (Node's own internal ones are counted apart). */
  jobs: number;
  internalJobs: number;
  jobsByTask: Record<TaskKind, number>;
  /** Steps of the timeline as it opens (Node's internals hidden). */
  steps: number;
  consoleLines: number;
  durationMs: number;
  exit: TraceExit;
  truncated: boolean;
}

export function summarize(trace: Trace): TraceSummary {
  const jobsByTask = Object.fromEntries(TASK_KINDS.map((task) => [task, 0])) as Record<TaskKind, number>;
  let internalJobs = 0;
  for (const job of trace.jobs) {
    if (job.internal) internalJobs++;
    else jobsByTask[job.task] = (jobsByTask[job.task] ?? 0) + 1;
  }
  const internalPromises = trace.promises.filter((p) => p.internal).length;
  let grouped = 0;
  let awaits = 0;
  for (const i of groupedAwaits(trace.promises).keys()) {
    const p = trace.promises[i];
    if (p.internal) continue;
    grouped++;
    if (!isAwaitWrapper(p)) awaits++;
  }
  return {
    promises: trace.promises.length - internalPromises - grouped,
    awaits,
    internalPromises,
    jobs: trace.jobs.length - internalJobs,
    internalJobs,
    jobsByTask,
    steps: stepsOf(trace).count,
    consoleLines: trace.events.filter((e) => e.type === 'console').length,
    durationMs: trace.durationMs,
    exit: trace.exit,
    truncated: trace.truncated,
  };
}

/** `1 job`, `12 jobs`, `1,024 steps`. */
function n(count: number, word: string): string {
  return `${withCommas(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** `1,024`: as `toLocaleString('en-US')` writes it, without loading ICU's number formats (30 ms at first use). */
export function withCommas(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "6 promises · 2 awaits · 9 jobs · 40 steps": the one wording of the counts, in the toolbar and the
 * messages (awaits only when there are some).
 */
export function countsText(counts: { promises: number; awaits?: number; jobs: number; steps: number }): string {
  const awaits = counts.awaits ? ` · ${n(counts.awaits, 'await')}` : '';
  return `${n(counts.promises, 'promise')}${awaits} · ${n(counts.jobs, 'job')} · ${n(counts.steps, 'step')}`;
}

/** "completed, exit code 0", "timeout (killed by SIGKILL): Stopped after 10 s: …". */
export function describeExit(exit: TraceExit): string {
  const how = exit.signal ? `killed by ${exit.signal}` : exit.code === null ? 'no exit code' : `exit code ${exit.code}`;
  const syntax = exit.syntaxError
    ? ` at ${exit.syntaxError.file}:${exit.syntaxError.line}:${exit.syntaxError.column}`
    : '';
  const stuck = exit.stuckAt ? ` It was running ${exit.stuckAt.file}:${exit.stuckAt.line}:${exit.stuckAt.column}.` : '';
  return `${exit.reason}, ${how}${exit.message ? `: ${exit.message}` : ''}${syntax}${stuck}`;
}

/** "it read stdin (at app.js:3:1) and got end-of-file: a traced program gets no input". */
export function describeStdinEof(stdin: NonNullable<Trace['stdinEof']>): string {
  const at = stdin.at ? ` (at ${stdin.at.file}:${stdin.at.line}:${stdin.at.column})` : '';
  return `it read stdin${at} and got end-of-file: a traced program gets no input`;
}

export function summaryText(trace: Trace): string {
  const s = summarize(trace);
  const tasks = TASK_KINDS.filter((task) => s.jobsByTask[task] > 0)
    .map((task) => `${s.jobsByTask[task]} ${task}`)
    .join(', ');
  const internal = (n: number) => (n > 0 ? ` (+${n} internal)` : '');
  return [
    `${n(s.promises, 'promise')}${internal(s.internalPromises)}${s.awaits ? `, ${n(s.awaits, 'await')}` : ''}, ${n(s.jobs, 'job')}${tasks ? ` (${tasks})` : ''}${internal(s.internalJobs)}, ${n(s.steps, 'step')}, ${n(s.consoleLines, 'console line')}`,
    `${s.durationMs.toFixed(1)} ms, ${describeExit(s.exit)}${s.truncated ? ' (recording truncated at the event limit)' : ''}`,
    ...(trace.stdinEof ? [describeStdinEof(trace.stdinEof)] : []),
  ].join('; ');
}
