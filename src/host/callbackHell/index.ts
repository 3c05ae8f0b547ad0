import * as vscode from 'vscode';
import { CallbackHellActions } from './codeActions';
import { CallbackHellDiagnostics } from './diagnostics';
import { LANGUAGES } from './settings';
import type { ParsedDocuments } from '../parsedDocuments';

/** Registers the callback-hell diagnostics and quick fixes; disposing it removes both. */
export function registerCallbackHell(parses: ParsedDocuments): vscode.Disposable {
  const diagnostics = new CallbackHellDiagnostics(parses);
  const actions = vscode.languages.registerCodeActionsProvider(
    LANGUAGES.map((language) => ({ language })),
    new CallbackHellActions(diagnostics),
    { providedCodeActionKinds: CallbackHellActions.providedCodeActionKinds },
  );
  return vscode.Disposable.from(actions, diagnostics);
}
