import * as v8 from 'v8';
import { JobTracker } from './jobs';
import { Locator } from './location';
import type { PromiseDetails } from './intrinsics';
import type { SettledReader } from './preview';
import { ArrayCtor, ArrayPop, ArrayPush, MathCeil } from './primordials';
import { PromiseRecorder } from './promises';
import { RecordingWriter } from './writer';

/**
 * Rounds of the workload: enough for V8 to compile the paths and fill their inline caches. Measured on
 * the golden timers-ms-apart.js under load: 8 rounds cost 3-8 ms of start-up and brought the traced
 * order to plain's; 40 or 200 rounds cost 30-150 ms and bought no more.
 */
const ROUNDS = 8;

/** Records the warm-up writes one by one. */
const EAGER_WARM_UP = 40;

/** The null device, named here rather than through `os`, a module plain node does not load at start. */
const DEV_NULL = process.platform === 'win32' ? '\\\\.\\nul' : '/dev/null';

/**
 * Runs the tracer's per-promise paths once over before the program's first line, into a recording
 * nobody reads (the null device), so their first-use cost (compiling the hooks, the first stack
 * captures, Node's stack formatting, value previews) is not paid inside the program's first job. Plain
 * node runs the script job in a fraction of a millisecond; paid there, that cost made timers a few
 * milliseconds apart fire in another order than plain. The workload only makes promises, chains on
 * pending ones and settles promises nobody reacts to: it queues no job and leaves nothing behind.
 * The runtime's own frames count as the program's here (no own file), so the paths are the program's.
 */
export function warmUp(readSettled: SettledReader, details: PromiseDetails | null): void {
  // Its first records written one by one, as the program's first records are (a system call each: a
  // few dozen compile that path), then buffered (no flusher thread here).
  const writer = new RecordingWriter(DEV_NULL, Number.MAX_SAFE_INTEGER, undefined, {
    after: EAGER_WARM_UP,
    start: () => false,
  });
  const jobs = new JobTracker(writer);
  const locator = new Locator(writer, '');
  const recorder = new PromiseRecorder(writer, jobs, locator, readSettled, details);
  jobs.startScript();
  recorder.install();
  try {
    for (let i = 0; i < ROUNDS; i++) workload(recorder, i);
    recorder.drain();
  } finally {
    recorder.uninstall();
    writer.close();
  }
  emptyYoungGeneration();
}

/**
 * The runtime's start-up (its bundle, the warm-up) fills much of V8's young generation, so a scavenge
 * (1-12 ms on a loaded machine) came due in the program's script job, where plain node has none: it
 * is made to come now instead, by allocating short-lived arrays until the free room is used up.
 */
function emptyYoungGeneration(): void {
  let space: v8.HeapSpaceInfo | undefined;
  for (const s of v8.getHeapSpaceStatistics()) if (s.space_name === 'new_space') space = s;
  if (space === undefined) return;
  // Arrays of 1,000 slots, about 8 KB each: small enough to be allocated young.
  const chunks = MathCeil(space.space_available_size / 8000) + 8;
  for (let i = 0; i < chunks; i++) garbage = new ArrayCtor(1000);
  garbage = null;
}

/** Where the short-lived arrays go: a store V8 cannot prove useless, so they are allocated. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read: see above
let garbage: unknown = null;

const KINDS = ['all', 'race', 'any', 'allSettled'] as const;

function workload(recorder: PromiseRecorder, i: number): void {
  const never = new Promise<number>(() => undefined);
  const chained = never.then((v) => v + 1);
  void never.catch(() => 0);
  void chained.finally(() => undefined);
  // Settled with no reaction: nothing is queued.
  void Promise.resolve(i);
  void Promise.resolve(`text ${i}`);
  void new Promise((resolve) => resolve({ round: i, list: [i] }));
  // Through the wrapped combinators (their wrapper marks the real recorder's calls, which records
  // nothing yet), marked for this recorder too as the wrapper would.
  const kind = KINDS[i % KINDS.length];
  ArrayPush(recorder.combinators, { kind, result: 0, plain: true });
  try {
    void (Promise as unknown as Record<string, (values: unknown[]) => Promise<unknown>>)[kind]([never, chained]);
  } finally {
    ArrayPop(recorder.combinators);
  }
}
