/**
 * Whether the program read its stdin: the first time it takes `process.stdin` (which Node makes on
 * first use), the runtime writes `<recording>.stdin` with the program's frame that took it. The
 * runner, which gave the program no input (VS Code), then says in the trace that it read
 * end-of-file. Nothing else of the stream is touched.
 */
import { disguise } from './disguise';
import {
  JSONStringify,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ReflectApply,
  fsWriteFileSync,
} from './primordials';
import type { StopFrame } from './stop';

export function noteStdin(path: string, frame: () => StopFrame | undefined): void {
  const desc = ObjectGetOwnPropertyDescriptor(process, 'stdin');
  if (desc === undefined || typeof desc.get !== 'function' || desc.configurable !== true) return;
  const made = desc.get;
  let noted = false;
  const get = function (this: unknown): unknown {
    if (!noted) {
      noted = true;
      try {
        const at = frame();
        fsWriteFileSync(path, JSONStringify(at ? { at } : {}));
      } catch {
        // Recording never throws into the program.
      }
    }
    return ReflectApply(made, this, []) as unknown;
  };
  disguise(get, made);
  ObjectDefineProperty(process, 'stdin', { ...desc, get });
}
