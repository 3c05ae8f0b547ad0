import { CHUNK_EVENTS, CHUNK_STRINGS, MAGIC, Op } from './format';
import { ArrayPush, BufferAllocUnsafe, BufferFrom, BufferWriteUInt32LE, fsOpenSync, fsWriteSync, JSONStringify, SafeMap } from './primordials';

const WORDS = 1 << 16;
/** Flush at least this often (checked at job boundaries) so a kill loses little. */
const FLUSH_INTERVAL_MS = 100;

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
  /** Events the model counts (everything but locations, inputs, values). */
  events = 0;
  stopped = false;
  /** Called once when the event cap stops recording (the promise hooks come off then). */
  onCap: (() => void) | null = null;

  constructor(path: string, private readonly maxEvents: number) {
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
    return true;
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
    for (let i = 0; i < record.length; i++) this.words[this.used++] = record[i];
  }

  flush(): void {
    if (this.fd < 0) return;
    try {
      if (this.strings.length > 0) {
        this.chunk(CHUNK_STRINGS, BufferFrom(JSONStringify(this.strings), 'utf8'));
        this.strings = [];
      }
      if (this.used > 0) {
        this.chunk(CHUNK_EVENTS, BufferFrom(this.words.buffer, 0, this.used * 4));
        this.used = 0;
      }
    } catch {
      // A full disk or a closed descriptor ends recording, never the program.
      this.stopped = true;
      this.fd = -1;
    }
  }

  private chunk(tag: number, payload: Buffer): void {
    const head = BufferAllocUnsafe(5);
    head[0] = tag;
    BufferWriteUInt32LE(head, payload.length, 1);
    fsWriteSync(this.fd, head);
    let off = 0;
    while (off < payload.length) off += fsWriteSync(this.fd, payload, off, payload.length - off);
  }
}
