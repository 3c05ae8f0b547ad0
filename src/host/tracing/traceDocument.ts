import * as vscode from 'vscode';
import { basename } from 'node:path';
import { findNode, runTrace } from '../../core/run';
import type { Trace } from '../../core/trace/model';
import type { TraceRuns } from './runs';
import { traceSettings } from './settings';
import { renameFile, sourceOf } from './source';

/**
 * Runs a document under the tracer with its settings, behind a cancellable progress notification: the
 * one path "Trace promises" and "Predict the Order" share. Throws `CannotTrace` or `NodeNotFound` when
 * nothing could run; the caller checks workspace trust first.
 */
export async function traceDocument(
  document: vscode.TextDocument,
  name: string,
  context: { runs: TraceRuns; distDir: string },
): Promise<Trace> {
  const settings = traceSettings(document.uri);
  const source = sourceOf(document);
  const node = await findNode({
    configured: settings.nodePath,
    // Without a `node` on PATH, VS Code's own runtime runs the program, as Node.
    fallback: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
  });
  const trace = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Promise Lens: tracing ${name}`, cancellable: true },
    async (_progress, token) => {
      const run = context.runs.start();
      const cancel = token.onCancellationRequested(run.abort);
      try {
        return await runTrace({ ...source, ...settings, node, distDir: context.distDir, signal: run.signal });
      } finally {
        cancel.dispose();
        run.done();
      }
    },
  );
  if (source.temporary) renameFile(trace, source.temporary, document.uri.fsPath);
  return trace;
}

/** The name a notification gives a document: its file name, or an untitled editor's own. */
export function documentName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : basename(document.uri.fsPath);
}
