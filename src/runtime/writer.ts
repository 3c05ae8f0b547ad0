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
  RegExpExec,
  Uint8ArrayCtor,
  v8GetHeapStatistics,
} from './primordials';

const WORDS = 1 << 16;
/** Flush at least this often (checked at job boundaries) so a kill loses little. */
export const FLUSH_INTERVAL_MS = 100;

/**
 * At the heap limit V8 ends the process with no JavaScript run, so what is still buffered then is
 * lost. The writer looks at the heap every so many records (a look costs about 0.5 µs) and, as the
 * heap nears its limit, keeps less unwritten: past `PRESSED` of the limit it flushes at every job
 * boundary and every `PRESSED_WORDS`, past `CRITICAL` before every record (so each record is on disk
 * once the next one starts), and it stops growing its table of repeated strings.
 */
export interface HeapWatch {
  /** Records between two looks while the heap is not pressed (then eight times as often). */
  interval: number;
  /** The heap's size V8 stops at, in bytes; null: V8's `heap_size_limit` (see `heapWatch`). */
  limit: number | null;
  read: () => { used_heap_size: number; heap_size_limit: number };
}

const PRESSED = 0.6;
const CRITICAL = 0.8;
const PRESSED_WORDS = 64;

/**
 * The limit is the old space's (`--max-old-space-size`, which the runner passes): V8's
 * `heap_size_limit` adds the young generation's reserve to it (48 MB on 64-bit Node 20, so a 64 MB
 * heap reads 112 MB and a program dies with about 60% of that used). Without the flag, half of
 * `heap_size_limit` stands for it: an early start costs only more, smaller writes.
 */
export function heapWatch(execArgv: readonly string[]): HeapWatch {
  let limit: number | null = null;
  for (let i = 0; i < execArgv.length; i++) {
    const flag = RegExpExec(/^--max[-_]old[-_]space[-_]size=(\d+(?:\.\d+)?)$/, execArgv[i]);
    if (flag !== null) limit = Number(flag[1]) * 1024 * 1024;
  }
  return { interval: 256, limit, read: v8GetHeapStatistics };
}

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
  /** Words buffered before a flush: fewer while the heap is pressed (see HeapWatch). */
  private capacity = WORDS;
  private untilHeapLook: number;

  constructor(
    path: string,
    private readonly maxEvents: number,
    private readonly heap: HeapWatch = heapWatch([]),
  ) {
    this.fd = fsOpenSync(path, 'w');
    fsWriteSync(this.fd, MAGIC);
    this.untilHeapLook = heap.interval;
  }

  /** True while the heap is past the watch's share of its limit, as of the last look. */
  get pressed(): boolean {
    return this.capacity < WORDS;
  }

  /** Room for one record of `n` words, flushing first if needed. False once the cap is reached. */
  room(n: number, counts: boolean): boolean {
    if (this.stopped) return false;
    // Between two records: a flush here writes whole records only.
    if (--this.untilHeapLook <= 0) this.lookAtHeap();
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
    if (this.used + n > this.capacity) this.flush();
  }

  private lookAtHeap(): void {
    let share: number;
    try {
      const stats = this.heap.read();
      share = stats.used_heap_size / (this.heap.limit ?? stats.heap_size_limit / 2);
    } catch {
      share = 0;
    }
    const capacity = share > CRITICAL ? 0 : share > PRESSED ? PRESSED_WORDS : WORDS;
    this.untilHeapLook = capacity < WORDS ? this.heap.interval >> 3 : this.heap.interval;
    if (capacity === this.capacity) return;
    this.capacity = capacity;
    if (capacity < WORDS) this.flush();
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
      // A pressed heap keeps what it has: a string written twice costs less than dying sooner.
      if (this.interned.size < 100_000 && !this.pressed) this.interned.set(text, id);
    }
    return id;
  }

  /** At a job boundary: a pressed heap writes every job's records as it ends. */
  flushIfDue(nowMs: number): void {
    if (this.pressed || nowMs - this.lastFlush >= FLUSH_INTERVAL_MS) {
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
