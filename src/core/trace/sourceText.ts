/** The program's source as the steps after a run and the exported page read it. */
import { readFileSync } from 'node:fs';

/** The text a file had when it ran; undefined when it cannot be read. */
export type SourceReader = (file: string) => string | undefined;

export function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
