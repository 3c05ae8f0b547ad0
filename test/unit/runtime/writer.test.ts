import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_EVENTS, CHUNK_STRINGS, MAGIC, Op } from '../../../src/wire/recording';
import { spawnFlusher } from '../../../src/runtime/flusher';
import { heapWatch, RecordingWriter } from '../../../src/runtime/writer';
import { tempFolder } from '../../shared/runHelpers';

/** The event chunks of a recording file, as arrays of int32 words. */
function eventChunks(path: string): number[][] {
  const bytes = readFileSync(path);
  const chunks: number[][] = [];
  for (let at = MAGIC.length; at < bytes.length;) {
    // Read while the flusher thread writes: a chunk cut short ends the reading, as readChunks does.
    if (at + 5 > bytes.length || at + 5 + bytes.readUInt32LE(at + 1) > bytes.length) break;
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

describe('RecordingWriter: near the heap limit it keeps little unwritten', () => {
  const MB = 1024 * 1024;

  /** A writer whose heap reads `used` MB of a 100 MB limit, looked at every 4 records. */
  function watched(path: string) {
    const heap = { used: 10 };
    const writer = new RecordingWriter(path, 1000, {
      interval: 4,
      limit: 100 * MB,
      read: () => ({ used_heap_size: heap.used * MB, heap_size_limit: 1000 * MB }),
    });
    const enqueue = (id: number): void => {
      assert.ok(writer.room(3, true));
      writer.put(Op.Enqueue);
      writer.put(id);
      writer.put(0);
    };
    return { heap, writer, enqueue };
  }

  const ids = (chunks: number[][]): number[] => chunks.flatMap((words) => words.filter((_, i) => i % 3 === 1));

  it('writes nothing early while the heap is far from its limit', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      const { writer, enqueue } = watched(path);
      for (let id = 1; id <= 20; id++) enqueue(id);
      writer.flushIfDue(1);
      assert.deepEqual(eventChunks(path), []);
      assert.equal(writer.pressed, false);
    } finally {
      folder.remove();
    }
  });

  it('past 60% of the limit writes what it holds, then in small chunks and at every job boundary', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      const { heap, writer, enqueue } = watched(path);
      for (let id = 1; id <= 3; id++) enqueue(id);
      heap.used = 65;
      enqueue(4); // the fourth record looks at the heap first
      assert.equal(writer.pressed, true);
      assert.deepEqual(ids(eventChunks(path)), [1, 2, 3]);
      for (let id = 5; id <= 60; id++) enqueue(id);
      const chunks = eventChunks(path);
      assert.ok(chunks.length > 2, `${chunks.length} chunks`);
      assert.ok(chunks.every((words) => words.length <= 64));
      writer.flushIfDue(1); // a job ends, well within the 100 ms interval
      assert.deepEqual(
        ids(eventChunks(path)),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    } finally {
      folder.remove();
    }
  });

  it('past 80% writes each record once the next one starts, and back below 60% buffers again', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      const { heap, writer, enqueue } = watched(path);
      heap.used = 85;
      for (let id = 1; id <= 10; id++) {
        enqueue(id);
        // The look comes at the fourth record; from then on every record but the last is written.
        if (id >= 4)
          assert.deepEqual(
            ids(eventChunks(path)),
            Array.from({ length: id - 1 }, (_, i) => i + 1),
          );
      }
      heap.used = 20;
      for (let id = 11; id <= 20; id++) enqueue(id);
      assert.equal(writer.pressed, false);
      const written = ids(eventChunks(path));
      assert.ok(written.length < 19, `${written.length} records written, the rest buffered`);
      writer.flush();
      assert.deepEqual(
        ids(eventChunks(path)),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    } finally {
      folder.remove();
    }
  });

  it("reads the old space's limit from --max-old-space-size, the last one given", () => {
    assert.equal(heapWatch(['--expose-internals']).limit, null);
    assert.equal(heapWatch(['--max-old-space-size=64']).limit, 64 * MB);
    assert.equal(heapWatch(['--max_old_space_size=100', '--max-old-space-size=2048']).limit, 2048 * MB);
  });
});

describe('RecordingWriter: nothing lost when V8 ends the process with no JavaScript run', () => {
  const enqueue = (writer: RecordingWriter, id: number): void => {
    assert.ok(writer.room(3, true));
    writer.put(Op.Enqueue);
    writer.put(id);
    writer.put(0);
  };
  /** The ids of the Enqueue records written so far (the one other record here is a Crash, 2 words). */
  const ids = (path: string): number[] => {
    const words = eventChunks(path).flat();
    const found: number[] = [];
    for (let i = 0; i < words.length; i += words[i] === Op.Crash ? 2 : 3)
      if (words[i] === Op.Enqueue) found.push(words[i + 1]);
    return found;
  };

  it('writes each record as it is whole until the flusher thread is asked for, then buffers when none starts', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      let asked = 0;
      const writer = new RecordingWriter(path, 1000, undefined, { after: 3, start: () => (asked++, false) });
      for (let id = 1; id <= 3; id++) {
        enqueue(writer, id);
        assert.deepEqual(
          ids(path),
          Array.from({ length: id }, (_, i) => i + 1),
        );
      }
      assert.equal(asked, 1);
      enqueue(writer, 4);
      assert.deepEqual(ids(path), [1, 2, 3], 'buffered once no thread started');
      writer.flush();
      assert.deepEqual(ids(path), [1, 2, 3, 4]);
    } finally {
      folder.remove();
    }
  });

  it('has the flusher thread write records and strings while this thread never returns to its loop', () => {
    const folder = tempFolder();
    try {
      const path = join(folder.dir, 'recording');
      let started = false;
      const writer = new RecordingWriter(path, 100_000, undefined, {
        after: 1,
        start: (shared) => (started = spawnFlusher(shared)),
      });
      enqueue(writer, 1);
      assert.equal(started, true);
      const until = Date.now() + 5000;
      while (!writer.flusherRunning && Date.now() < until);
      assert.equal(writer.flusherRunning, true);
      // From here this thread buffers (its first record aside), and never returns to its event loop,
      // as a program in V8's last garbage collections: only the flusher thread can write the rest.
      const label = writer.string('a label é ✓ "quoted"');
      for (let id = 2; id <= 2000; id++) enqueue(writer, id);
      assert.ok(writer.room(2, true));
      writer.put(Op.Crash);
      writer.put(label);
      while (ids(path).length < 2000 && Date.now() < until);
      assert.deepEqual(
        ids(path),
        Array.from({ length: 2000 }, (_, i) => i + 1),
      );
      while (!eventChunks(path).some((words) => words.includes(Op.Crash)) && Date.now() < until);
      assert.deepEqual(stringChunks(path), [['a label é ✓ "quoted"']]);
      writer.close();
    } finally {
      folder.remove();
    }
  });
});

/** The string chunks of a recording file. */
function stringChunks(path: string): string[][] {
  const bytes = readFileSync(path);
  const chunks: string[][] = [];
  for (let at = MAGIC.length; at < bytes.length;) {
    if (at + 5 > bytes.length || at + 5 + bytes.readUInt32LE(at + 1) > bytes.length) break;
    const length = bytes.readUInt32LE(at + 1);
    if (bytes[at] === CHUNK_STRINGS) chunks.push(JSON.parse(bytes.subarray(at + 5, at + 5 + length).toString('utf8')));
    at += 5 + length;
  }
  return chunks;
}
