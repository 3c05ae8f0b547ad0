import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { guarded } from './errors';
import { distDirOf, traceCommand } from './tracing/traceCommand';
import { TraceSyntaxErrors } from './tracing/syntaxErrors';
import { TraceRuns } from './tracing/runs';
import { TraceStore } from './traceStore';
import { registerCallbackHell } from './callbackHell';
import { ParsedDocuments } from './parsedDocuments';
import { HoverFeature } from './hover';
import { Timeline } from './timeline/timeline';
import { PredictOrder } from './predict/predict';
import { setTypeScriptCacheDir } from '../core/syntax/typescript';

/** Everything the extension registers, disposed together on deactivate. */
class PromiseLens extends Disposable {
  constructor(_context: vscode.ExtensionContext) {
    super();
    // TypeScript's code cache (src/core/syntax/typescript.ts) lives with the extension's own storage.
    if (_context.globalStorageUri.scheme === 'file')
      setTypeScriptCacheDir(vscode.Uri.joinPath(_context.globalStorageUri, 'code-cache').fsPath);
    const output = this._register(vscode.window.createOutputChannel('Promise Lens'));
    // Later parts (timeline, hover) read traces from here; the trace command fills it.
    const traces = this._register(new TraceStore());
    // One parse per document version, shared by the diagnostics and the hover (registered first, so it
    // has recorded an edit before they ask).
    const parses = this._register(new ParsedDocuments());
    // Analysis only, so it runs in untrusted workspaces too; TypeScript loads on the first analysis.
    this._register(registerCallbackHell(parses));
    this._register(new HoverFeature(traces, parses));
    void traces;
    this._register(new Timeline(_context, traces));
    // Disposing kills every program still being traced, so nothing outlives a reload.
    const runs = this._register(new TraceRuns());
    const syntaxErrors = this._register(new TraceSyntaxErrors());
    const tracing = { output, store: traces, runs, distDir: distDirOf(_context.extensionPath), syntaxErrors };
    this._register(
      vscode.commands.registerCommand(
        'promiseLens.trace',
        guarded('Trace promises', (uri?: vscode.Uri) => traceCommand(tracing, uri)),
      ),
    );
    this._register(new PredictOrder(_context.extensionUri, tracing));
  }
}

let instance: PromiseLens | undefined;

export function activate(context: vscode.ExtensionContext): void {
  instance = new PromiseLens(context);
  context.subscriptions.push(instance);
}

export function deactivate(): void {
  instance?.dispose();
  instance = undefined;
}
