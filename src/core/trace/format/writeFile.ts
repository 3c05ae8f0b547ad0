/** Writing a format's pieces (`pieces.ts`) to a file, one after the other: the CLI's `--out` and the export. */
import { closeSync, openSync, writeSync } from 'node:fs';

export function writePieces(path: string, pieces: Iterable<string | Uint8Array>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}
