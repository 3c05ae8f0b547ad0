import { disguise } from './disguise';
import { ArrayPush, ReflectApply } from './primordials';

/**
 * The runtime's own frames (the wrappers that mark a timer's or a tick's start and end) must not show
 * in the program's stack traces, or an uncaught error would print differently than under plain
 * `node`. Node's default `Error.prepareStackTrace` is replaced by one that drops those frames and
 * hands the rest to Node's, under the same name, length and source text. A program that installs its
 * own `prepareStackTrace` replaces this one and sees the extra frame.
 */
export function hideOwnFrames(ownFile: string): void {
  const E = Error as ErrorConstructor & { prepareStackTrace?: (error: Error, trace: NodeJS.CallSite[]) => unknown };
  const desc = Object.getOwnPropertyDescriptor(E, 'prepareStackTrace');
  const original = desc?.value as ((error: Error, trace: NodeJS.CallSite[]) => unknown) | undefined;
  if (!desc || typeof original !== 'function') return;
  const filtered = function (this: unknown, error: Error, trace: NodeJS.CallSite[]): unknown {
    let kept: NodeJS.CallSite[] | null = null;
    for (let i = 0; i < trace.length; i++) {
      if (trace[i].getFileName() !== ownFile) {
        if (kept !== null) ArrayPush(kept, trace[i]);
      } else if (kept === null) {
        kept = [];
        for (let j = 0; j < i; j++) ArrayPush(kept, trace[j]);
      }
    }
    return ReflectApply(original, this, [error, kept ?? trace]);
  };
  disguise(filtered, original);
  Object.defineProperty(E, 'prepareStackTrace', { ...desc, value: filtered });
}
