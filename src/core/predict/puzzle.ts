/**
 * What "Predict the order" asks of a trace: the program's console lines in the order they printed,
 * each with the step that printed it and the "why now" of its job, all read from the trace.
 */
import type { ConsoleStream, JobWhy, TaskKind, Trace } from '../trace/model';
import { describeExit } from '../trace/format/summary';
import { stepsOf } from '../trace/steps';
import { byId } from '../trace/idMap';
import { hasOrderToGuess, type OrderLine } from './order';

/** The rule whose jobs Node runs in no promised order against each other (`core/explain`). */
const UNORDERED_RULE = 'timer-or-immediate';

/** One console line of the program, in the order it printed. */
export interface PredictLine extends OrderLine {
  stream: ConsoleStream;
  /** The step that printed it, as people read steps (1-based, Node's internals hidden). */
  step: number;
  task: TaskKind;
  /** The job that printed it, as the timeline labels it (`setTimeout 0 ms`); null outside any job. */
  job: string | null;
  /** Why that job ran then; null when no job printed it. */
  why: JobWhy | null;
}

export type PuzzleState = 'ready' | 'nothing-to-order' | 'did-not-run';

export interface PredictPuzzle {
  /** The traced file (absolute path). */
  file: string;
  state: PuzzleState;
  /** The program's lines, as printed. */
  lines: PredictLine[];
  /** A sentence for people when there is nothing to order or the program did not run. */
  message?: string;
  /** Sentences about the run the learner should know: it ended early, lines that were left out. */
  notes: string[];
}

const ENDED_EARLY = new Set(['crashed', 'signal', 'timeout', 'heap-limit', 'output-limit', 'cancelled']);

/** Builds the puzzle of a finished trace. */
export function predictPuzzle(trace: Trace): PredictPuzzle {
  const steps = stepsOf(trace);
  const jobs = byId(trace.jobs);
  const lines: PredictLine[] = [];
  let outside = 0;
  for (const event of trace.events) {
    if (event.type !== 'console') continue;
    // Lines that reached the stream past the program's own console (a child's, Node's error report) have no job.
    if (event.outside) {
      outside++;
      continue;
    }
    const job = event.job === null ? undefined : jobs.get(event.job);
    lines.push({
      text: event.text,
      stream: event.stream,
      step: steps.numberOf(event.seq),
      task: event.task,
      job: job?.label ?? null,
      why: job?.why ?? null,
      unordered: job?.why?.rule === UNORDERED_RULE,
    });
  }

  const { exit } = trace;
  const notes: string[] = [];
  if (ENDED_EARLY.has(exit.reason))
    notes.push(`The run ended early (${describeExit(exit)}): these are the lines it printed before.`);
  else if (exit.reason === 'exit') notes.push(`The program called process.exit (${describeExit(exit)}).`);
  if (trace.truncated) notes.push('Recording stopped at the event limit: later lines are not here.');
  if (outside > 0)
    notes.push(
      `${outside === 1 ? '1 line' : `${outside} lines`} reached the output without the program's console (Node's report of an uncaught error, a child process): left out.`,
    );

  const base = { file: trace.file, lines, notes };
  const didNotRun =
    exit.reason === 'spawn-failed' || (lines.length === 0 && (exit.syntaxError || exit.reason === 'crashed'));
  if (didNotRun) {
    const message =
      exit.reason === 'crashed' && !exit.syntaxError
        ? `The program failed before it printed anything: ${describeExit(exit)}.`
        : `The program did not run: ${describeExit(exit)}.`;
    return { ...base, state: 'did-not-run', message, notes: notes.filter((n) => !n.startsWith('The run ended early')) };
  }
  if (lines.length < 2)
    return {
      ...base,
      state: 'nothing-to-order',
      message: `The program printed ${lines.length === 0 ? 'no console lines' : 'one console line'}: there is nothing to order.`,
    };
  if (!hasOrderToGuess(lines))
    return {
      ...base,
      state: 'nothing-to-order',
      message: `The program printed the same line ${lines.length} times: there is nothing to order.`,
    };
  return { ...base, state: 'ready' };
}
