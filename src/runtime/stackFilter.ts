import { disguise } from './disguise';
import { originalColumn, type Shift } from './sites';
import { ArrayPush, ReflectApply, SafeMap, StringEndsWith, StringSlice } from './primordials';

/**
 * The runtime's own frames (the wrappers that mark a timer's or a tick's start and end) must not show
 * in the program's stack traces, or an uncaught error would print differently than under plain
 * `node`. Node's default `Error.prepareStackTrace` is replaced by one that drops those frames and
 * hands the rest to Node's, under the same name, length and source text. A program that installs its
 * own `prepareStackTrace` replaces this one and sees the extra frame.
 * Frames on the lines the loader gave creation sites (src/loader/sites.ts) read at their source
 * columns: V8's own text for the frame, with the column taken back (`moved`, per file, per 0-based line).
 */
export function hideOwnFrames(
  ownFile: string,
  loaderFile: string,
  moved: SafeMap<string, SafeMap<number, Shift[]>>,
): void {
  const E = Error as ErrorConstructor & { prepareStackTrace?: (error: Error, trace: NodeJS.CallSite[]) => unknown };
  const desc = Object.getOwnPropertyDescriptor(E, 'prepareStackTrace');
  const original = desc?.value as ((error: Error, trace: NodeJS.CallSite[]) => unknown) | undefined;
  if (!desc || typeof original !== 'function') return;
  const filtered = function (this: unknown, error: Error, trace: NodeJS.CallSite[]): unknown {
    let kept: (NodeJS.CallSite | MovedFrame)[] | null = null;
    for (let i = 0; i < trace.length; i++) {
      const file = trace[i].getFileName();
      const frame = file && moved.size > 0 ? movedFrame(trace[i], file, moved) : null;
      // The loader's frames too once it gave sites: plain node compiles the file itself.
      const own = file === ownFile || (file === loaderFile && moved.size > 0);
      if (!own && frame === null) {
        if (kept !== null) ArrayPush(kept, trace[i]);
        continue;
      }
      if (kept === null) {
        kept = [];
        for (let j = 0; j < i; j++) ArrayPush(kept, trace[j]);
      }
      if (frame !== null) ArrayPush(kept, frame);
    }
    return ReflectApply(original, this, [error, kept ?? trace]);
  };
  disguise(filtered, original);
  Object.defineProperty(E, 'prepareStackTrace', { ...desc, value: filtered });
}

/** What Node's formatting reads of a frame (its text): V8's, at the source's column. */
interface MovedFrame {
  toString(): string;
}

function movedFrame(
  site: NodeJS.CallSite,
  file: string,
  moved: SafeMap<string, SafeMap<number, Shift[]>>,
): MovedFrame | null {
  const lines = moved.get(file);
  const line = lines !== undefined ? site.getLineNumber() : null;
  const shifts = line !== null && lines !== undefined ? lines.get(line - 1) : undefined;
  const column = site.getColumnNumber();
  if (shifts === undefined || column === null) return null;
  const text = `${site}`;
  const at = `${file}:${line}:${column}`;
  const closed = StringEndsWith(text, `${at})`);
  if (!closed && !StringEndsWith(text, at)) return null;
  const fixed = `${StringSlice(text, 0, text.length - at.length - (closed ? 1 : 0))}${file}:${line}:${originalColumn(shifts, column)}${closed ? ')' : ''}`;
  return { toString: () => fixed };
}
