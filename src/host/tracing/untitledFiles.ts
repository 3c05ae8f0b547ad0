import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the text of untitled editors is written to run; one folder per extension host. */
export function untitledDir(): string {
  return join(tmpdir(), `promise-lens-untitled-${process.pid}`);
}

export function removeUntitledFiles(): void {
  rmSync(untitledDir(), { recursive: true, force: true });
}
