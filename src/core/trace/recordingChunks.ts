import * as os from 'os';
import { CHUNK_EVENTS, CHUNK_STRINGS, MAGIC } from '../../wire/recording';

/**
 * The recording's framing (see `src/wire/recording.ts`): the magic line, then chunks of strings or
 * of event words. Kept apart from what the records mean (`recordingBuilder.ts`) so that a damaged or
 * cut-short file is judged in one place.
 */

/** A recording that is not one, or is damaged beyond its last complete chunk. */
export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

/** What each complete chunk is handed to, in file order; `at` is the chunk's byte offset. */
export interface ChunkReader {
  addStrings(list: string[]): void;
  addEvents(words: Int32Array, at: number): void;
}

const LITTLE_ENDIAN = os.endianness() === 'LE';

/**
 * Hands every complete chunk to `reader`. A file shorter than the magic line that starts like it (the
 * child died before the runtime wrote it) holds no chunks; a chunk cut short ends the reading.
 */
export function readChunks(bytes: Uint8Array, reader: ChunkReader): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = Buffer.from(MAGIC, 'utf8');
  if (buffer.length < magic.length) {
    if (!magic.subarray(0, buffer.length).equals(buffer))
      throw new RecordingError('not a Promise Lens recording (bad header)');
    return;
  }
  if (!buffer.subarray(0, magic.length).equals(magic))
    throw new RecordingError('not a Promise Lens recording (bad header)');
  let offset = magic.length;
  while (offset < buffer.length) {
    if (offset + 5 > buffer.length) break; // cut short inside a chunk header
    const tag = buffer[offset];
    const length = buffer.readUInt32LE(offset + 1);
    const start = offset + 5;
    if (tag !== CHUNK_STRINGS && tag !== CHUNK_EVENTS)
      throw new RecordingError(`damaged recording: unknown chunk at byte ${offset}`);
    if (start + length > buffer.length) break; // cut short inside a chunk
    const payload = buffer.subarray(start, start + length);
    if (tag === CHUNK_STRINGS) reader.addStrings(stringsOf(payload, offset));
    else reader.addEvents(wordsOf(payload, offset), offset);
    offset = start + length;
  }
}

function stringsOf(payload: Buffer, at: number): string[] {
  let list: unknown;
  try {
    list = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new RecordingError(`damaged recording: unreadable strings at byte ${at}`);
  }
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw new RecordingError(`damaged recording: unreadable strings at byte ${at}`);
  }
  return list as string[];
}

function wordsOf(payload: Buffer, at: number): Int32Array {
  if (payload.length % 4 !== 0) throw new RecordingError(`damaged recording: odd event chunk at byte ${at}`);
  const words = new Int32Array(payload.length / 4);
  if (LITTLE_ENDIAN) new Uint8Array(words.buffer).set(payload);
  else for (let i = 0; i < words.length; i++) words[i] = payload.readInt32LE(i * 4);
  return words;
}
