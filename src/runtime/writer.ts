import { CHUNK_EVENTS, CHUNK_STRINGS, MAGIC, Op } from '../wire/recording';
import {
  ArrayPush,
  BufferAllocUnsafe,
  BufferFrom,
  BufferWriteUInt32LE,
  fsCloseSync,
  fsOpenSync,
  fsWritevSync,
  fsWriteSync,
  JSONStringify,
  SafeMap,
  Uint8ArrayCtor,
} from './primordials';

const WORDS = 1 << 16;
/** Flush at least this often (checked at job boundaries) so a kill loses little. */
export const FLUSH_INTERVAL_MS = 100;

/**
 * Appends int32 records to a typed buffer and writes it with `fs.writeSync` when it fills, at job
 * boundaries after a short interval, and at exit; strings go to a side table written just before.
 */
export class RecordingWriter {
  private fd: number;
  private readonly words = new Int32Array(WORDS);
  private used = 0;
  private strings: string[] = [];
  private stringCount = 0;
  private readonly interned = new SafeMap<string, number>();
  private lastFlush = 0;
  /** Where the record being written starts and ends: words before `recordStart` are whole records. */
  private recordStart = 0;
  private recordEnd = 0;
  private flushing = false;
  /** Events the model counts (everything but locations, inputs, values). */
  events = 0;
  stopped = false;
  /** Called once when the event cap stops recording (the promise hooks come off then). */
  onCap: (() => void) | null = null;

  constructor(
    path: string,
    private readonly maxEvents: number,
  ) {
    this.fd = fsOpenSync(path, 'w');
    fsWriteSync(this.fd, MAGIC);
  }

  /** Room for one record of `n` words, flushing first if needed. False once the cap is reached. */
  room(n: number, counts: boolean): boolean {
    if (this.stopped) return false;
    if (counts) {
      if (this.events >= this.maxEvents) {
        this.stopped = true;
        this.ensure(1);
        this.words[this.used++] = Op.Truncated;
        this.flush();
        this.onCap?.();
        return false;
      }
      this.events++;
    }
    this.ensure(n);
    this.recordStart = this.used;
    this.recordEnd = this.used + n;
    return true;
  }

  /** True while a record is half written (the stop hook may run between any two statements). */
  get midRecord(): boolean {
    return this.used < this.recordEnd;
  }

  /**
   * For the stop hook, which runs in a V8 interrupt, maybe inside the runtime's own code: writes the
   * whole records only (a half-written one stays in the buffer), and nothing while a flush is under way.
   */
  flushComplete(): void {
    if (this.flushing) return;
    if (!this.midRecord) {
      this.flush();
      return;
    }
    const partial: number[] = [];
    for (let i = this.recordStart; i < this.used; i++) partial[partial.length] = this.words[i];
    const end = this.recordEnd - this.recordStart;
    this.used = this.recordStart;
    this.flush();
    this.recordStart = this.used;
    for (let i = 0; i < partial.length; i++) this.words[this.used++] = partial[i];
    this.recordEnd = this.recordStart + end;
  }

  private ensure(n: number): void {
    if (this.used + n > WORDS) this.flush();
  }

  put(w: number): void {
    this.words[this.used++] = w;
  }

  string(text: string): number {
    ArrayPush(this.strings, text);
    return this.stringCount++;
  }

  /** A string that repeats (file names, labels) is written once. */
  intern(text: string): number {
    let id = this.interned.get(text);
    if (id === undefined) {
      id = this.string(text);
      // Bounded: short previews repeat a lot, but a program can make endlessly many distinct ones.
      if (this.interned.size < 100_000) this.interned.set(text, id);
    }
    return id;
  }

  flushIfDue(nowMs: number): void {
    if (nowMs - this.lastFlush >= FLUSH_INTERVAL_MS) {
      this.lastFlush = nowMs;
      this.flush();
    }
  }

  /** Writes an exit-time record even after the cap, so the reader still learns how the program ended. */
  putFinal(record: number[]): void {
    this.ensure(record.length);
    this.recordStart = this.used;
    this.recordEnd = this.used + record.length;
    for (let i = 0; i < record.length; i++) this.words[this.used++] = record[i];
  }

  /** Writes what is buffered, strings first, in one system call and without copying the events. */
  flush(): void {
    if (this.fd < 0 || (this.used === 0 && this.strings.length === 0)) return;
    this.flushing = true;
    try {
      const parts: Uint8Array[] = [];
      if (this.strings.length > 0) {
        const strings = BufferFrom(JSONStringify(this.strings), 'utf8');
        parts[0] = head(CHUNK_STRINGS, strings.length);
        parts[1] = strings;
        this.strings = [];
      }
      if (this.used > 0) {
        const events = this.used * 4;
        parts[parts.length] = head(CHUNK_EVENTS, events);
        parts[parts.length] = new Uint8ArrayCtor(this.words.buffer, 0, events);
      }
      writeAll(this.fd, parts);
      this.used = 0;
      this.recordStart = 0;
      this.recordEnd = 0;
    } catch {
      // A full disk or a closed descriptor ends recording, never the program.
      this.stopped = true;
      this.fd = -1;
    } finally {
      this.flushing = false;
    }
  }

  /** Stops recording and closes the file, unwritten records dropped (the warm-up's writer). */
  close(): void {
    this.stopped = true;
    if (this.fd >= 0) fsCloseSync(this.fd);
    this.fd = -1;
  }
}

function head(tag: number, length: number): Buffer {
  const out = BufferAllocUnsafe(5);
  out[0] = tag;
  BufferWriteUInt32LE(out, length, 1);
  return out;
}

/** `writev` may stop short (a signal, a full pipe); the rest goes part by part. */
function writeAll(fd: number, parts: Uint8Array[]): void {
  let done = fsWritevSync(fd, parts);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (done >= part.length) {
      done -= part.length;
      continue;
    }
    let off = done;
    done = 0;
    while (off < part.length) off += fsWriteSync(fd, part, off, part.length - off);
  }
}
