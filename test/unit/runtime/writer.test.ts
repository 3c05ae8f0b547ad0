import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_EVENTS, MAGIC, Op } from '../../../src/wire/recording';
import { RecordingWriter } from '../../../src/runtime/writer';
import { tempFolder } from '../../shared/runHelpers';

/** The event chunks of a recording file, as arrays of int32 words. */
function eventChunks(path: string): number[][] {
  const bytes = readFileSync(path);
  const chunks: number[][] = [];
  for (let at = MAGIC.length; at < bytes.length;) {
    const tag = bytes[at];
    const length = bytes.readUInt32LE(at + 1);
    const payload = bytes.subarray(at + 5, at + 5 + length);
    if (tag === CHUNK_EVENTS) chunks.push(Array.from({ length: length / 4 }, (_, i) => payload.readInt32LE(i * 4)));
    at += 5 + length;
  }
  return chunks;
}

describe('RecordingWriter: the stop hook flushes whole records only', () => {
  it('keeps a half-written record in the buffer, to be written whole after it', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      const writer = new RecordingWriter(path, 100);
      assert.ok(writer.room(3, true));
      writer.put(Op.Enqueue);
      writer.put(1);
      writer.put(0);
      // The stop hook, run in an interrupt between two words of the next record.
      assert.ok(writer.room(3, true));
      writer.put(Op.Enqueue);
      assert.equal(writer.midRecord, true);
      writer.flushComplete();
      writer.put(2);
      writer.put(0);
      assert.equal(writer.midRecord, false);
      writer.flush();
      assert.deepEqual(eventChunks(path), [
        [Op.Enqueue, 1, 0],
        [Op.Enqueue, 2, 0],
      ]);
    } finally {
      folder.remove();
    }
  });
});
