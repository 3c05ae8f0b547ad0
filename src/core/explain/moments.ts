import type { TaskKind, Trace } from '../trace/model';

/**
 * The moments of a run the explanations look up by step: which job ran at each `seq`, the time then,
 * and what waited in Node's queues when each job started. One pass over the events, indexed by
 * typed arrays, because traces hold up to a million events.
 */

/** Facts about a moment of the run, gathered in one pass over the events. */
export interface Moments {
  /** The innermost job running at each `seq` (0 when none). */
  jobAt: Int32Array;
  /** The time (µs) of the last event at or before each `seq` that has one (NaN before any). */
  timeAt: Float64Array;
  /** What waited in the program's queues when each job started: ticks, timers, immediates, by job id. */
  waiting: (id: number) => { ticks: number; timers: number; immediates: number };
}

export function gatherMoments(trace: Trace, internalJobs: Set<number>): Moments {
  let size = 0;
  for (const event of trace.events) if (event.seq + 1 > size) size = event.seq + 1;
  const jobAt = new Int32Array(size);
  const timeAt = new Float64Array(size).fill(NaN);
  let maxJob = 0;
  for (const job of trace.jobs) if (job.id > maxJob) maxJob = job.id;
  // Job ids are small dense integers: three counts per id in one typed array.
  const waitingAt = new Int32Array((maxJob + 1) * 3);
  const queued = new Map<number, TaskKind>();
  const counts = { ticks: 0, timers: 0, immediates: 0 };
  const key = (task: TaskKind): 'ticks' | 'timers' | 'immediates' | null =>
    task === 'nextTick' ? 'ticks' : task === 'timer' ? 'timers' : task === 'immediate' ? 'immediates' : null;
  const open: number[] = [];
  let lastTime = NaN;
  let lastSeq = 0;
  for (const event of trace.events) {
    // seq numbers without an event of their own (none today) take the moment before them.
    for (let s = lastSeq + 1; s < event.seq; s++) {
      jobAt[s] = jobAt[s - 1];
      timeAt[s] = timeAt[s - 1];
    }
    lastSeq = event.seq;
    if (event.time !== undefined) lastTime = event.time;
    timeAt[event.seq] = lastTime;
    switch (event.type) {
      case 'job-start': {
        const task = queued.get(event.job);
        if (task !== undefined) {
          queued.delete(event.job);
          const k = key(task);
          if (k) counts[k]--;
        }
        if (event.job >= 0 && event.job <= maxJob) {
          waitingAt[event.job * 3] = counts.ticks;
          waitingAt[event.job * 3 + 1] = counts.timers;
          waitingAt[event.job * 3 + 2] = counts.immediates;
        }
        open.push(event.job);
        break;
      }
      case 'job-end': {
        const at = open.lastIndexOf(event.job);
        if (at >= 0) open.splice(at, 1);
        break;
      }
      case 'enqueue': {
        const k = key(event.task);
        if (k && !event.internal && !internalJobs.has(event.job)) {
          queued.set(event.job, event.task);
          counts[k]++;
        }
        break;
      }
    }
    jobAt[event.seq] = open.length > 0 ? open[open.length - 1] : 0;
  }
  const waiting = (id: number) =>
    id >= 0 && id <= maxJob
      ? { ticks: waitingAt[id * 3], timers: waitingAt[id * 3 + 1], immediates: waitingAt[id * 3 + 2] }
      : { ticks: 0, timers: 0, immediates: 0 };
  return { jobAt, timeAt, waiting };
}
