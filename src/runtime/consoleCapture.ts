import { putTime } from './clock';
import { disguise } from './disguise';
import { Op } from '../wire/recording';
import {
  BufferByteLength,
  BufferFrom,
  BufferToString,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ReflectApply,
  RegExpTest,
  StringEndsWith,
  StringSlice,
  types,
} from './primordials';
import type { JobTracker } from './jobs';
import type { Locator } from './location';
import type { RecordingWriter } from './writer';

/**
 * Console text the recording keeps, so that a program printing without end still leaves a trace that
 * can be read and written: each line's first 4,096 characters until 8 Mi characters are kept, then
 * each line's first 80. Every line is still an event, with its whole length.
 */
const TEXT_MAX = 4096;
const TEXT_BUDGET = 8 * 1024 * 1024;
const TEXT_MAX_PAST_BUDGET = 80;
/** Frames looked through for the program's call: Node's console and stream code stand above it. */
const CALLER_FRAMES = 12;
const UTF8 = /^utf-?8$/i;

/**
 * Console lines are taken where every console ends up, `process.stdout.write` and
 * `process.stderr.write`, so a program that patches `console` (or logs with its own writer) is still
 * seen and still works. One event per write; one trailing newline is dropped.
 */
export function captureConsole(
  writer: RecordingWriter,
  jobs: JobTracker,
  locator: Locator,
  limit: OutputLimit | null,
): void {
  let kept = 0;
  let written = 0;
  whenMade('stdout', 1);
  whenMade('stderr', 2);

  /**
   * Node makes `process.stdout` on first use (and sets a pipe non-blocking then); reading it here would
   * make it before the program runs. So its getter is wrapped, and the stream hooked when first made.
   */
  function whenMade(name: 'stdout' | 'stderr', code: number): void {
    const desc = ObjectGetOwnPropertyDescriptor(process, name);
    if (desc === undefined || typeof desc.get !== 'function' || desc.configurable !== true) {
      hook(process[name], code);
      return;
    }
    const made = desc.get;
    let hooked: unknown = null;
    const get = function (this: unknown): unknown {
      const stream = ReflectApply(made, this, []) as unknown;
      if (stream !== hooked && typeof stream === 'object' && stream !== null) {
        hooked = stream;
        try {
          hook(stream as NodeJS.WriteStream, code);
        } catch {
          // Recording never throws into the program.
        }
      }
      return stream;
    };
    disguise(get, made);
    ObjectDefineProperty(process, name, { ...desc, get });
  }

  function hook(stream: NodeJS.WriteStream, code: number): void {
    const original = stream.write;
    const write = function (this: unknown, chunk: unknown, encoding?: unknown): boolean {
      if (limit !== null) count(chunk, encoding);
      record(code, chunk, encoding, write);
      // eslint-disable-next-line prefer-rest-params -- the arguments as they came, with no array iterator
      return ReflectApply(original, this, arguments) as boolean;
    };
    disguise(write, original);
    // Not enumerable, so `Object.keys(process.stdout)` and inspecting the stream list what they would untraced.
    ObjectDefineProperty(stream, 'write', { value: write, writable: true, enumerable: false, configurable: true });
  }

  /**
   * Bytes the program wrote, counted as it writes them: a loop that never yields queues its writes in
   * memory, where the runner, which counts what comes through the pipe, would never see them.
   */
  function count(chunk: unknown, encoding: unknown): void {
    try {
      if (typeof chunk === 'string')
        written += BufferByteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      else if (types.isUint8Array(chunk)) written += chunk.byteLength;
    } catch {
      return;
    }
    if (limit !== null && written > limit.bytes) limit.reached();
  }

  /**
   * Text as it reaches the stream: a string written with an encoding (`'hex'`, `'base64'`...) is
   * decoded through it; bytes are read as UTF-8 whatever encoding came with them, as streams ignore it.
   */
  function record(code: number, chunk: unknown, encoding: unknown, write: (...args: never[]) => unknown): void {
    try {
      if (writer.stopped) return;
      let text: string;
      if (typeof chunk === 'string')
        text =
          typeof encoding === 'string' && !RegExpTest(UTF8, encoding)
            ? BufferToString(BufferFrom(chunk, encoding as BufferEncoding), 'utf8')
            : chunk;
      else if (types.isUint8Array(chunk))
        text = BufferToString(BufferFrom(chunk.buffer, chunk.byteOffset, chunk.byteLength), 'utf8');
      else return;
      const length = text.length;
      if (StringEndsWith(text, '\n')) text = StringSlice(text, 0, StringEndsWith(text, '\r\n') ? -2 : -1);
      const max = kept < TEXT_BUDGET ? TEXT_MAX : TEXT_MAX_PAST_BUDGET;
      if (text.length > max) text = StringSlice(text, 0, max);
      kept += text.length;
      jobs.current();
      if (!writer.room(6, true)) return;
      writer.put(Op.Console);
      writer.put(code);
      writer.put(writer.string(text));
      writer.put(length);
      putTime(writer);
      // Where the program printed it (its `console.log`), so the editor can show that line at this step.
      const at = locator.callerOf(write, CALLER_FRAMES);
      if (at !== 0 && writer.room(2, false)) {
        writer.put(Op.ConsoleAt);
        writer.put(at);
      }
      // Written before the line itself: whatever then happens to the program (an endless loop it
      // is killed in), every line it printed is in the recording, and never taken for another's.
      writer.flush();
    } catch {
      // Recording never throws into the program.
    }
  }
}

/** The output limit as the runtime enforces it: `reached` stops the program and does not return. */
export interface OutputLimit {
  bytes: number;
  reached: () => void;
}
