// Helpers for in-editor tests (test/editor/suite*/*.test.ts). The workspace is a fresh temp copy of
// examples/ (plus test/editor/workspace/), so tests may edit its files freely.
import * as vscode from 'vscode';
import type { TraceCommandResult } from '../../src/host/tracing/traceCommand';

export const EXTENSION_ID = 'promise-lens.promise-lens';

/** The workspace folder the launcher opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-editor tests need a workspace folder; run them through test/editor/run.mjs');
  return folder.uri;
}

/** A file of the workspace, by its path relative to the workspace root (e.g. `cart-order-payment.js`). */
export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and makes it the active one. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Activates Promise Lens (contributed commands activate it implicitly; this makes it explicit). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/** Runs "Trace promises" on a workspace file and returns what the command reports. */
export async function trace(relativePath: string): Promise<TraceCommandResult | undefined> {
  return vscode.commands.executeCommand<TraceCommandResult | undefined>(
    'promiseLens.trace',
    workspaceFile(relativePath),
  );
}

/**
 * Waits until `check()` returns a value other than undefined/false, polling; for state that no event
 * announces. Prefer awaiting an event where one exists.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type WindowMessage = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

export interface ShownMessage {
  kind: WindowMessage;
  message: string;
  items: string[];
}

/**
 * Records the notifications the extension shows, and answers them with `answer` (default: dismissed),
 * so a command that awaits the user's choice returns. The extension and the tests share one `vscode`
 * API object, so replacing its functions reaches the extension. Call `restore()` in `afterEach`.
 */
export function captureMessages(answer: (message: ShownMessage) => string | undefined = () => undefined): {
  shown: ShownMessage[];
  restore: () => void;
} {
  const shown: ShownMessage[] = [];
  const window = vscode.window as unknown as Record<WindowMessage, (...args: unknown[]) => Thenable<unknown>>;
  const originals = new Map<WindowMessage, (...args: unknown[]) => Thenable<unknown>>();
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
    originals.set(kind, window[kind]);
    window[kind] = (message: unknown, ...rest: unknown[]) => {
      const items = rest
        .filter((item) => typeof item === 'string' || (typeof item === 'object' && item !== null && 'title' in item))
        .map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
      const entry = { kind, message: String(message), items };
      shown.push(entry);
      return Promise.resolve(answer(entry));
    };
  }
  return {
    shown,
    restore: () => {
      for (const [kind, original] of originals) window[kind] = original;
    },
  };
}
