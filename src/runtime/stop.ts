/**
 * The stop hook the runner calls over Node's inspector just before it kills the program (a time limit,
 * Cancel, the output limit): it runs in a V8 interrupt, even inside an endless loop, writes every
 * record still buffered (promises waiting to be drained, the writer's buffer) and names the program's
 * frame that was running. See src/core/run/inspector.ts for the other side.
 */
import { fsRealpathSync, JSONStringify, RegExpExec, StringSplit, StringStartsWith } from './primordials';
import { readStack } from './stacks';

/** Frames looked at below the hook: the inspector's own and the tracer's come first. */
const FRAMES = 32;

export interface StopFrame {
  file: string;
  line: number;
  column: number;
}

/** The program's frame running now (under the caller `skip`), skipping the tracer's own. */
export function currentProgramFrame(ownDir: string, skip: (...args: never[]) => unknown): StopFrame | undefined {
  return programFrame(tracerDirs(ownDir), skip);
}

/**
 * The returned JSON: `{ stuckAt?: { file, line, column }, inTracer?: true }`, 1-based, `file` a path or
 * a `file:` URL. `flush(inTracer)` is told whether the interrupt came inside the tracer's own code (then
 * it must not start new records: one may be half written).
 *
 * `inTracer` without `stuckAt`: the interrupt came in the tracer's own code with none of the program's
 * frames under it, a promise hook between two of the program's jobs (before a reaction's handler is
 * called, after it returned). A program starving the event loop with microtasks spends a good share of
 * its time there, so a single look missed its line about one time in five early in a run; the runner
 * asks again, and the next interrupt comes elsewhere.
 */
export function stopHook(flush: (inTracer: boolean) => void, ownDir: string): () => string {
  const hook = (): string => {
    let stuckAt: StopFrame | undefined;
    let inTracer = true;
    try {
      const dirs = tracerDirs(ownDir);
      stuckAt = programFrame(dirs, hook);
      inTracer = tracerRunning(dirs, hook);
    } catch {
      stuckAt = undefined;
    }
    try {
      flush(inTracer);
    } catch {
      // Whatever was written stays written.
    }
    return JSONStringify(stuckAt ? { stuckAt } : inTracer ? { inTracer: true } : {});
  };
  return hook;
}

/**
 * Folders of the tracer's own code: its files (register.js, loader.js) and the packages installed
 * beside them (the TypeScript compiler the loader runs while it compiles the program), as real paths.
 */
function tracerDirs(ownDir: string): string[] {
  const dirs = [ownDir];
  try {
    dirs[1] = `${fsRealpathSync(`${ownDir}../node_modules`)}/`;
  } catch {
    // None there (a bundled install).
  }
  return dirs;
}

function inDirs(file: string, dirs: string[]): boolean {
  for (let i = 0; i < dirs.length; i++) if (StringStartsWith(file, dirs[i])) return true;
  return false;
}

/** Whether the first frame under the hook with a file of its own (not Node's) is the tracer's. */
function tracerRunning(dirs: string[], skip: (...args: never[]) => unknown): boolean {
  return (
    readStack(
      {},
      FRAMES,
      (_error, sites) => {
        for (let i = 0; i < sites.length; i++) {
          const file = sites[i].getFileName();
          if (!file || StringStartsWith(file, 'node:')) continue;
          return inDirs(file, dirs);
        }
        return false;
      },
      skip,
    ) !== false
  );
}

/**
 * The top frame of the program's own code under the hook, if the program was running any. When the
 * interrupt came while V8 was formatting a stack (the tracer's own capture), V8 does not call a
 * formatter again inside one and gives its default text instead: that text is read line by line.
 */
function programFrame(dirs: string[], skip: (...args: never[]) => unknown): StopFrame | undefined {
  const found = readStack(
    {},
    FRAMES,
    (_error, sites) => {
      for (let i = 0; i < sites.length; i++) {
        const site = sites[i];
        const file = site.getFileName();
        if (!file || StringStartsWith(file, 'node:') || inDirs(file, dirs)) continue;
        const line = site.getLineNumber();
        const column = site.getColumnNumber();
        if (line === null || column === null) continue;
        return { file, line, column };
      }
      return undefined;
    },
    skip,
  );
  if (typeof found === 'string') return frameInText(found, dirs);
  return typeof found === 'object' && found !== null ? (found as StopFrame) : undefined;
}

/** `at name (file:line:column)` or `at file:line:column`, as V8 prints a frame. */
const FRAME_LINE = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

export function frameInText(text: string, dirs: string[]): StopFrame | undefined {
  const lines = StringSplit(text, '\n');
  for (let i = 1; i < lines.length; i++) {
    const match = RegExpExec(FRAME_LINE, lines[i]);
    if (match === null) continue;
    const file = match[1];
    if (StringStartsWith(file, 'node:') || StringStartsWith(file, '<anonymous>') || inDirs(file, dirs)) continue;
    return { file, line: +match[2], column: +match[3] };
  }
  return undefined;
}
