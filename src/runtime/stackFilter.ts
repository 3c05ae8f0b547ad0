import { disguise } from './disguise';

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
    let own = false;
    for (const site of trace) {
      if (site.getFileName() === ownFile) {
        own = true;
        break;
      }
    }
    return Reflect.apply(original, this, [error, own ? trace.filter((site) => site.getFileName() !== ownFile) : trace]);
  };
  disguise(filtered, original);
  Object.defineProperty(E, 'prepareStackTrace', { ...desc, value: filtered });
}
