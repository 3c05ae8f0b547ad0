import { wrapCombinators } from './combinators';
import { exclude, shareExclude } from './clock';
import { captureConsole, type OutputLimit } from './consoleCapture';
import { Op, SITES_KEY } from '../wire/recording';
import { JobTracker } from './jobs';
import { Locator } from './location';
import { nodeViews, promiseDetails } from './intrinsics';
import { settledReader } from './preview';
import {
  ClearInterval,
  EventEmitterListenerCount,
  fsWriteFileSync,
  JSONStringify,
  now,
  ProcessKill,
  ProcessPid,
  SetInterval,
  StringLastIndexOf,
  StringSlice,
} from './primordials';
import { PromiseRecorder } from './promises';
import { SiteTable } from './sites';
import { showSourceText } from './disguise';
import { errorText } from './safeText';
import { wrapScheduling } from './scheduling';
import { hideOwnFrames } from './stackFilter';
import { readStack } from './stacks';
import type { RuntimeSettings } from './settings';
import { warmUp } from './warmUp';
import { ownChildren } from './children';
import { currentProgramFrame, stopHook } from './stop';
import { noteStdin } from './stdin';
import { FLUSH_INTERVAL_MS, heapWatch, RecordingWriter } from './writer';
import { FLUSHER_AFTER, startFlusher } from './flusher';

/**
 * Frames looked at to find an I/O callback's own function, the program's outermost frame: enough for a
 * callback that calls a few levels down before it records anything; a deeper stack leaves it unplaced.
 */
const CALLBACK_FRAMES = 40;

/**
 * Wires the pieces together and makes sure the recording is flushed however the program ends. Returns
 * the stop hook (src/runtime/stop.ts) the runner calls before it kills the program.
 */
export function startRecording(settings: RuntimeSettings, ownFile: string): () => string {
  const readSettled = settledReader(promiseDetails(), nodeViews());
  // Read before the runner's flags are taken out of `process.execArgv` (src/runtime/settings.ts).
  const writer = new RecordingWriter(settings.out, settings.maxEvents, heapWatch(process.execArgv), {
    after: FLUSHER_AFTER,
    start: startFlusher,
  });
  const jobs = new JobTracker(writer);
  const locator = new Locator(writer, ownFile);
  const promises = new PromiseRecorder(writer, jobs, locator, readSettled, promiseDetails());

  const sites = publishSites(promises, locator);
  const ownDir = StringSlice(ownFile, 0, StringLastIndexOf(ownFile, '/') + 1 || StringLastIndexOf(ownFile, '\\') + 1);
  hideOwnFrames(ownFile, `${ownDir}loader.js`, sites.shifted);
  // The output limit counts what the program wrote; past it the runtime writes what it holds, says so
  // next to the recording (the runner reads it as `output-limit`) and ends the program as the runner would.
  let stop: (() => string) | null = null;
  const limit: OutputLimit | null =
    settings.maxOutput === null
      ? null
      : {
          bytes: settings.maxOutput,
          reached: () => {
            try {
              fsWriteFileSync(`${settings.out}.stop`, stop !== null ? stop() : '{}');
            } finally {
              ProcessKill(ProcessPid, 'SIGKILL');
            }
          },
        };
  // An I/O callback is noticed once, at its first record: one deeper look then finds where it was written.
  let rejectionEvents = false;
  jobs.placeCallback = () => {
    const loc = locator.callbackOf(CALLBACK_FRAMES);
    rejectionEvents ||= locator.inRejectionEvents;
    return loc;
  };
  // Node emits `unhandledRejection` to the program's listener for every rejection still unhandled once
  // the microtasks drained: those promises are reported in the listener's job, as a crash reports one.
  jobs.placed = () => {
    if (!rejectionEvents) return;
    rejectionEvents = false;
    promises.drain();
    promises.takeCandidates(unhandled);
  };
  captureConsole(writer, jobs, locator, limit);
  wrapScheduling(jobs, locator);
  wrapCombinators(promises);
  // Before the hooks go on and the script job is timed: the first-use cost stays out of both.
  const warming = now();
  warmUp(readSettled, promiseDetails());
  exclude(warming);
  shareExclude();
  jobs.startScript();
  promises.install();
  // While the program waits (a server, a long timer) no job boundary comes to write what it did last:
  // this timer does, so a kill from outside (the time limit, a signal) loses little. Node's own
  // timer, taken before the program could replace it, and unref'd: it keeps nothing alive, runs none
  // of the program's code and makes no promise, so nothing of it is recorded.
  const flusher = SetInterval(() => {
    promises.drain();
    writer.flushIfDue(now());
  }, FLUSH_INTERVAL_MS);
  flusher.unref();
  // Past the cap nothing more is recorded, so the program runs on without the hooks' cost.
  writer.onCap = () => {
    promises.uninstall();
    ClearInterval(flusher);
  };

  const unhandled = (id: number): void => {
    if (writer.room(2, true)) {
      writer.put(Op.Unhandled);
      writer.put(id);
    }
  };

  process.on('uncaughtExceptionMonitor', (error: unknown, origin: string) => {
    try {
      promises.drain();
      if (origin === 'unhandledRejection') {
        const reported = promises.takeReported(error);
        if (reported !== 0) unhandled(reported);
      }
      if (EventEmitterListenerCount(process, 'uncaughtException') === 0) {
        writer.putFinal([Op.Crash, writer.string(errorText(error))]);
      }
      writer.flush();
    } catch {
      // Recording never throws into the program.
    }
  });

  process.on('exit', (code: number) => {
    try {
      promises.drain();
      const viaExit = calledFromProcessExit();
      if (!viaExit) jobs.closeAll();
      promises.takeCandidates(unhandled);
      writer.putFinal([Op.Exit, typeof code === 'number' ? code : 0, viaExit ? 1 : 2]);
      writer.flush();
      const children = ownChildren();
      if (children.length > 0) fsWriteFileSync(`${settings.out}.children`, JSONStringify(children));
    } catch {
      // see above
    }
  });

  // The runtime's files (register.js, loader.js) sit together: frames there are the tracer's.
  const noteFrame = (): ReturnType<typeof currentProgramFrame> => currentProgramFrame(ownDir, noteFrame);
  noteStdin(`${settings.out}.stdin`, noteFrame);
  stop = stopHook((inTracer) => {
    // Interrupted inside its own code, the runtime starts no record: one may be half written.
    if (!inTracer) promises.drain();
    writer.flushComplete();
  }, ownDir);
  return stop;
}

/**
 * Where the loader, when it instruments the program's files, finds the site table (src/runtime/sites.ts):
 * on Node's own `v8` module object, under a registered symbol, as the stop hook is.
 */
function publishSites(promises: PromiseRecorder, locator: Locator): SiteTable {
  const table = new SiteTable(
    (file, line, column, position) => locator.internAt(file, line, column, position),
    () => {
      promises.sites = table;
    },
  );
  showSourceText((text) => table.originalText(text));
  locator.shifted = table.shifted;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Object.defineProperty(require('v8') as object, Symbol.for(SITES_KEY), { value: table });
  return table;
}

function calledFromProcessExit(): boolean {
  const viaExit = (_error: unknown, sites: NodeJS.CallSite[]): boolean => {
    for (let i = 0; i < sites.length; i++)
      if (sites[i].getFunctionName() === 'exit' && sites[i].getTypeName() === 'process') return true;
    return false;
  };
  return readStack({}, 20, viaExit) === true;
}
