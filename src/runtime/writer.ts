import { CHUNK_EVENTS, CHUNK_STRINGS, MAGIC, Op } from '../wire/recording';
import {
  AtomicsCompareExchange,
  AtomicsLoad,
  AtomicsNotify,
  AtomicsStore,
  AtomicsWait,
  BufferAllocUnsafe,
  BufferFrom,
  BufferUtf8Write,
  BufferWriteUInt32LE,
  fsCloseSync,
  fsOpenSync,
  fsWritevSync,
  fsWriteSync,
  Int32ArrayCtor,
  JSONStringify,
  SafeMap,
  RegExpExec,
  SharedArrayBufferCtor,
  Uint8ArrayCtor,
  v8GetHeapStatistics,
} from './primordials';
import {
  CONTROL,
  CONTROL_WORDS,
  FLUSHER,
  OWNER,
  type ChunkIo,
  type SharedLayout,
  writeParts,
  writeShared,
} from './flusher';

const WORDS = 1 << 16;
/**
 * Bytes of string pieces buffered before a flush. A piece longer than that (a console line is cut to
 * far less) is written on its own.
 */
const BYTES = 1 << 20;
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

/** The program thread's file writes, through the builtins taken before the program ran. */
const IO: ChunkIo = {
  writev: fsWritevSync,
  write: fsWriteSync,
  header: head,
  Bytes: Uint8ArrayCtor,
  open: BufferFrom('['),
  close: BufferFrom(']'),
};

/**
 * How records reach the disk before V8 could end the process at its heap limit (no JavaScript runs
 * then). First each record is written as soon as it is whole (a system call each, a few µs: a small
 * program makes a few hundred). After `after` of them a flusher thread is started
 * (src/runtime/flusher.ts), which writes every whole record a few milliseconds after it was made,
 * whatever the program's thread is doing; once it runs, the records are buffered. A program that
 * never makes that many records never starts a thread.
 */
export interface FlusherPlan {
  after: number;
  /** Starts the thread; false when there is none (the writer then buffers, watching the heap). */
  start: (shared: { layout: SharedLayout; fd: number }) => boolean;
}

/**
 * Appends int32 records and string pieces to a shared buffer (src/runtime/flusher.ts) and writes them
 * with `fs.writev` as each record is whole until a flusher thread runs (see FlusherPlan), else when it
 * fills, at job boundaries after a short interval, and at exit.
 */
export class RecordingWriter {
  private fd: number;
  private readonly layout: SharedLayout;
  private readonly control: Int32Array;
  private readonly words: Int32Array;
  private readonly bytes: Buffer;
  private used = 0;
  private byteUsed = 0;
  private stringCount = 0;
  private readonly interned = new SafeMap<string, number>();
  private lastFlush = 0;
  /** Where the record being written starts and ends: words before `recordStart` are whole records. */
  private recordStart = 0;
  private recordEnd = 0;
  /** While set, a flush or a string is half done: the stop hook's interrupt writes nothing then. */
  private flushing = false;
  /** Events the model counts (everything but locations, inputs, values). */
  events = 0;
  stopped = false;
  /** Called once when the event cap stops recording (the promise hooks come off then). */
  onCap: (() => void) | null = null;
  /** Words buffered before a flush: fewer while the heap is pressed (see HeapWatch). */
  private capacity = WORDS;
  private untilHeapLook: number;
  /** Each record written as it is whole: no flusher thread runs (yet). */
  private eager: boolean;
  private eagerWrites = 0;
  private flusherStarted = false;

  /** `plan` null: buffered from the start, with no flusher thread. */
  constructor(
    path: string,
    private readonly maxEvents: number,
    private readonly heap: HeapWatch = heapWatch([]),
    private readonly plan: FlusherPlan | null = null,
  ) {
    this.eager = plan !== null;
    this.fd = fsOpenSync(path, 'w');
    fsWriteSync(this.fd, MAGIC);
    this.untilHeapLook = heap.interval;
    const wordsAt = CONTROL_WORDS * 4;
    const bytesAt = wordsAt + WORDS * 4;
    const shared = new SharedArrayBufferCtor(bytesAt + BYTES);
    this.layout = {
      shared,
      wordsAt,
      words: WORDS,
      bytesAt,
      bytes: BYTES,
      stringsTag: CHUNK_STRINGS,
      eventsTag: CHUNK_EVENTS,
    };
    this.control = new Int32ArrayCtor(shared, 0, CONTROL_WORDS);
    this.words = new Int32ArrayCtor(shared, wordsAt, WORDS);
    this.bytes = BufferFrom(shared, bytesAt, BYTES);
  }

  /** Whether a flusher thread runs its loop now (then records are buffered here). */
  get flusherRunning(): boolean {
    return AtomicsLoad(this.control, CONTROL.flusher) === FLUSHER.running;
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
        this.putFinal([Op.Truncated]);
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
   * whole records only (a half-written one stays in the buffer), and nothing while a flush or a string
   * is under way.
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

  /** One word of the current record; its last word publishes the record to the flusher thread. */
  put(w: number): void {
    this.words[this.used++] = w;
    if (this.used === this.recordEnd) {
      AtomicsStore(this.control, CONTROL.wordsPublished, this.used);
      if (this.eager) this.writeEagerly();
    }
  }

  /** Until a flusher thread runs, a record is on disk before the program's next statement. */
  private writeEagerly(): void {
    this.flush();
    if (this.flusherStarted) {
      if (this.flusherRunning) this.eager = false;
    } else if (++this.eagerWrites >= this.plan!.after) {
      this.flusherStarted = true;
      if (!this.plan!.start({ layout: this.layout, fd: this.fd })) this.eager = false;
    }
  }

  string(text: string): number {
    const piece = `,${JSONStringify(text)}`;
    // UTF-8 takes at most 3 bytes a UTF-16 unit.
    if (this.byteUsed + piece.length * 3 > BYTES) this.makeRoomForString();
    if (piece.length * 3 > BYTES) this.writeAlone(piece);
    else {
      this.flushing = true;
      this.byteUsed += BufferUtf8Write(this.bytes, piece, this.byteUsed);
      this.flushing = false;
      // Published before any record that refers to it: the flusher reads the words' mark first.
      AtomicsStore(this.control, CONTROL.bytesPublished, this.byteUsed);
    }
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
    for (let i = 0; i < record.length; i++) this.put(record[i]);
  }

  /** Writes what is buffered (whole records and strings), strings first, in one system call. */
  flush(): void {
    if (this.fd < 0) return;
    this.flushing = true;
    this.lock();
    try {
      const control = this.control;
      writeShared(
        IO,
        this.fd,
        this.layout,
        control[CONTROL.wordsWritten],
        this.used,
        control[CONTROL.bytesWritten],
        this.byteUsed,
      );
      this.used = 0;
      this.byteUsed = 0;
      this.recordStart = 0;
      this.recordEnd = 0;
      control[CONTROL.wordsWritten] = 0;
      control[CONTROL.bytesWritten] = 0;
      control[CONTROL.bytesPublished] = 0;
      control[CONTROL.wordsPublished] = 0;
    } catch {
      this.writeFailed();
    } finally {
      this.unlock();
      this.flushing = false;
    }
  }

  /** Before a string that does not fit: the strings so far and the whole records (see flushComplete). */
  private makeRoomForString(): void {
    if (this.midRecord) this.flushComplete();
    else this.flush();
  }

  /** A string longer than the buffer, in a strings chunk of its own (the ones before it are written). */
  private writeAlone(piece: string): void {
    if (this.fd < 0) return;
    const bytes = BufferFrom(piece, 'utf8');
    bytes[0] = 0x5b; // the piece's comma becomes the array's `[`
    this.flushing = true;
    this.lock();
    try {
      writeParts(IO, this.fd, [head(CHUNK_STRINGS, bytes.length + 1), bytes, IO.close]);
    } catch {
      this.writeFailed();
    } finally {
      this.unlock();
      this.flushing = false;
    }
  }

  /**
   * The file is the program thread's to write. The flusher holds it for one write at most: waited
   * for, but not forever (a flusher that died holding it, which Node's exit may do, is not waited for).
   */
  private lock(): void {
    const control = this.control;
    for (let i = 0; i < 200; i++) {
      if (AtomicsCompareExchange(control, CONTROL.lock, OWNER.none, OWNER.program) === OWNER.none) return;
      AtomicsWait(control, CONTROL.lock, OWNER.flusher, 5);
    }
    AtomicsStore(control, CONTROL.lock, OWNER.program);
  }

  private unlock(): void {
    AtomicsStore(this.control, CONTROL.lock, OWNER.none);
  }

  /** A full disk or a closed descriptor ends recording, never the program (and tells the flusher). */
  private writeFailed(): void {
    this.stopped = true;
    this.fd = -1;
    this.control[CONTROL.state] = 1;
  }

  /** Stops recording and the flusher thread, and closes the file; unwritten records are dropped. */
  close(): void {
    this.stopped = true;
    this.stopFlusher();
    if (this.fd >= 0) fsCloseSync(this.fd);
    this.fd = -1;
  }

  /** Ends the flusher thread's loop (it writes nothing more). */
  stopFlusher(): void {
    AtomicsStore(this.control, CONTROL.state, 1);
    AtomicsNotify(this.control, CONTROL.wake);
  }
}

function head(tag: number, length: number): Buffer {
  const out = BufferAllocUnsafe(5);
  out[0] = tag;
  BufferWriteUInt32LE(out, length, 1);
  return out;
}
