import * as vscode from 'vscode';
import { join } from 'node:path';
import { CannotTrace, NodeNotFound } from '../../core/run';
import {
  countsText,
  describeExit,
  describeStdinEof,
  summarize,
  summaryText,
  traceToText,
} from '../../core/trace/format';
import type { TaskKind, Trace, TraceExit } from '../../core/trace/model';
import type { TraceStore } from '../traceStore';
import { requireTrust } from '../trust';
import type { TraceRuns } from './runs';
import { documentName, traceDocument } from './traceDocument';
import type { TraceSyntaxErrors } from './syntaxErrors';

/** What the command returns, so tests and other commands can tell what happened. */
export interface TraceCommandResult {
  ran: boolean;
  reason?: 'untrusted' | 'no-editor' | 'unsupported' | 'cannot-trace';
  exitCode?: number | null;
  /** Why the program stopped (`completed`, `timeout`, `cancelled`, ...), with its code and signal. */
  exit?: TraceExit;
  /** The traced entry, as the trace store knows it. */
  file?: string;
  promises?: number;
  /** The awaits grouped with their async functions' rows (`core/trace/awaits.ts`). */
  awaits?: number;
  jobs?: number;
  jobsByTask?: Record<TaskKind, number>;
  /** The program's console lines in order, with the kind of job that printed each. */
  console?: { stream: 'stdout' | 'stderr'; text: string; task: TaskKind }[];
  durationMs?: number;
  /** The one-line summary written to the output channel. */
  summary?: string;
  /** Why it could not be traced (reason `cannot-trace`). */
  message?: string;
  /** The program read stdin, which is empty when traced here. */
  stdinEof?: Trace['stdinEof'];
}

export const TRACEABLE_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** What the command works with; the extension owns each. */
export interface TraceContext {
  output: vscode.OutputChannel;
  store: TraceStore;
  runs: TraceRuns;
  /** The extension's `dist/`, holding the tracer runtime and the loader. */
  distDir: string;
  /** Where a program that did not parse shows its syntax error. */
  syntaxErrors?: TraceSyntaxErrors;
}

/** Lines of the text timeline the output channel shows before it points at the CLI for the rest. */
const MAX_TIMELINE_LINES = 5000;

/** "Trace promises": runs the active (or given) file in a separate Node process under the tracer. */
export async function traceCommand(context: TraceContext, uri?: vscode.Uri): Promise<TraceCommandResult> {
  const document =
    uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Promise Lens: open a JavaScript or TypeScript file to trace.');
    return { ran: false, reason: 'no-editor' };
  }
  if (!TRACEABLE_LANGUAGES.includes(document.languageId)) return { ran: false, reason: 'unsupported' };
  if (!requireTrust('Tracing')) return { ran: false, reason: 'untrusted' };

  const name = documentName(document);
  const { output } = context;
  let trace: Trace;
  // The timeline's page loads while the program runs, rather than after it.
  context.store.running(document.uri.fsPath, true);
  try {
    try {
      trace = await traceDocument(document, name, context);
    } catch (error) {
      if (error instanceof CannotTrace || error instanceof NodeNotFound) {
        output.appendLine(`Cannot trace ${name}: ${error.message}`);
        void vscode.window.showErrorMessage(`Promise Lens: cannot trace ${name}. ${error.message}`);
        return { ran: false, reason: 'cannot-trace', message: error.message };
      }
      throw error;
    }
    context.store.set(trace);
  } finally {
    context.store.running(document.uri.fsPath, false);
  }
  context.syntaxErrors?.show(trace);

  const summary = summaryText(trace);
  output.appendLine(`=== ${name} (${new Date().toLocaleTimeString()})`);
  output.appendLine(traceToText(trace, { maxLines: MAX_TIMELINE_LINES }));
  output.appendLine(`Summary: ${summary}`);
  // The timeline is where a trace is read: the output channel is written, not forced open over it.

  const { reason } = trace.exit;
  if (
    reason === 'spawn-failed' ||
    reason === 'timeout' ||
    reason === 'heap-limit' ||
    reason === 'output-limit' ||
    reason === 'signal'
  ) {
    void vscode.window.showWarningMessage(`Promise Lens: ${name}: ${describeExit(trace.exit)}`);
  } else if (reason !== 'cancelled') {
    const done = vscode.window.showInformationMessage(
      `Promise Lens: traced ${name}: ${countsText(summarize(trace))}; ${describeExit(trace.exit)}.`,
      'Show Output',
    );
    void done.then((choice) => {
      if (choice) output.show(true);
    });
  }
  // A program waiting for input would be misread as one that ends by itself.
  if (trace.stdinEof)
    void vscode.window.showWarningMessage(`Promise Lens: ${name}: ${describeStdinEof(trace.stdinEof)}.`);
  const s = summarize(trace);
  return {
    ran: true,
    exitCode: trace.exit.code,
    exit: trace.exit,
    file: trace.file,
    promises: s.promises,
    awaits: s.awaits,
    jobs: s.jobs,
    jobsByTask: s.jobsByTask,
    console: trace.events.flatMap((e) =>
      e.type === 'console' ? [{ stream: e.stream, text: e.text, task: e.task }] : [],
    ),
    durationMs: trace.durationMs,
    summary,
    stdinEof: trace.stdinEof,
  };
}

/** The tracer's files inside the installed extension. */
export function distDirOf(extensionPath: string): string {
  return join(extensionPath, 'dist');
}
