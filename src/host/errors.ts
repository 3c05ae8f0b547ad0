import * as vscode from 'vscode';

/** Thrown for a user's cancel; the error wrapper stays quiet about it. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

/** Runs every command and message handler, so a failure always reaches the user once, readably. */
export function guarded<A extends unknown[], R>(
  what: string,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof Cancelled || error instanceof vscode.CancellationError) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Promise Lens: ${what} failed: ${message}`);
      return undefined;
    }
  };
}
