import * as vscode from 'vscode';
import type { TracedDocuments } from './tracedDocuments';

export const REVEAL_IN_TIMELINE = 'promiseLens.revealInTimeline';

/** What the timeline's internal reveal command takes. */
export interface PromiseRef {
  file: string;
  promise: number;
}

export interface ShowInTimelineResult {
  shown: boolean;
  reason?: 'no-promise' | 'no-timeline';
  target?: PromiseRef;
}

function isPromiseRef(value: unknown): value is PromiseRef {
  if (typeof value !== 'object' || value === null) return false;
  const { file, promise } = value as Record<string, unknown>;
  return typeof file === 'string' && typeof promise === 'number' && Number.isInteger(promise) && promise >= 0;
}

/** The promise the cursor is on: the first rejection where one place made many, else the first made. */
export function promiseAtCursor(documents: TracedDocuments): PromiseRef | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const found = documents.indexOf(editor.document);
  const target = found?.index.targetAt(editor.document.offsetAt(editor.selection.active));
  if (!found || !target) return undefined;
  const promise = target.promises.find((p) => p.state === 'rejected') ?? target.promises[0];
  return { file: found.file, promise: promise.id };
}

/**
 * "Show in Timeline": the promise a hover link names, or the one at the cursor, in the timeline
 * panel. The timeline registers the reveal command; without it the user is told, nothing fails.
 */
export async function showInTimeline(documents: TracedDocuments, ref?: unknown): Promise<ShowInTimelineResult> {
  const target = isPromiseRef(ref) ? ref : promiseAtCursor(documents);
  if (!target) {
    void vscode.window.showInformationMessage(
      'Promise Lens: no traced promise at the cursor. Trace the file, then put the cursor on an expression that created one.',
    );
    return { shown: false, reason: 'no-promise' };
  }
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(REVEAL_IN_TIMELINE)) {
    void vscode.window.showInformationMessage(
      'Promise Lens: the timeline is not available in this version, so the promise cannot be shown there.',
    );
    return { shown: false, reason: 'no-timeline', target };
  }
  await vscode.commands.executeCommand(REVEAL_IN_TIMELINE, target);
  return { shown: true, target };
}
