/** The words the timeline uses for jobs, promises and places: one wording for canvas, panel and tests. */
import type { SourceLocation, Trace, TraceJob, TracePromise, ValuePreview } from '../trace/model';
import { LANE_LABELS } from './layout';
import { valueText } from '../trace/valueText';

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

export function formatLocation(location: SourceLocation | null): string {
  return location ? `${baseName(location.file)}:${location.line}` : '';
}

export function describeJob(job: TraceJob): string {
  const where = formatLocation(job.location);
  const label = job.label || LANE_LABELS[job.task] || job.task;
  return where ? `${label} (${where})` : label;
}

/** What the timeline shows on hover over a job's block: its full label, wherever the block cut it. */
export function jobTitle(job: TraceJob): string {
  return `#${job.id} ${describeJob(job)} · ${LANE_LABELS[job.task] ?? job.task}`;
}

/** What the timeline shows on hover over a promise's row: how it ended, whatever the step shown. */
export function promiseTitle(promise: TracePromise): string {
  if (promise.state === 'pending') return `${describePromise(promise)} · still pending when the run ended`;
  const value = describeValue(promise.value);
  return `${describePromise(promise)} · ended ${promise.state}${value ? `: ${value}` : ''}`;
}

/** `#3 then`, with the place it was created when known. */
export function describePromise(promise: TracePromise, withPlace = true): string {
  const where = withPlace ? formatLocation(promise.location) : '';
  return `#${promise.id} ${promise.kind}${where ? ` ${where}` : ''}`;
}

export function describeValue(value: ValuePreview | null): string {
  return valueText(value);
}

/** Microseconds as people read them on an axis. */
export function formatMicros(us: number): string {
  const abs = Math.abs(us);
  if (abs >= 1e6) return `${(us / 1e6).toFixed(abs >= 1e7 ? 1 : 2)} s`;
  if (abs >= 1e3) return `${(us / 1e3).toFixed(abs >= 1e4 ? 0 : 1)} ms`;
  return `${Math.round(us)} µs`;
}

/**
 * One event in words, for the "now" line of the panel. `promiseIndex` (promise id → index, as the layout
 * keeps it) finds the promise without scanning them all.
 */
export function describeEvent(
  trace: Trace,
  index: number,
  promiseIndex?: { get(id: number): number | undefined },
): string {
  const ev = trace.events[index];
  if (!ev) return '';
  switch (ev.type) {
    case 'promise': {
      const at = promiseIndex?.get(ev.promise);
      const p = promiseIndex
        ? at === undefined
          ? undefined
          : trace.promises[at]
        : trace.promises.find((x) => x.id === ev.promise);
      return `promise ${p ? describePromise(p) : `#${ev.promise}`} created`;
    }
    case 'settle':
      return `promise #${ev.promise} ${ev.state}`;
    case 'enqueue':
      return `job #${ev.job} queued (${LANE_LABELS[ev.task] ?? ev.task})`;
    case 'job-start':
      return `job #${ev.job} starts (${LANE_LABELS[ev.task] ?? ev.task})`;
    case 'job-end':
      return `job #${ev.job} ends`;
    case 'console':
      if (ev.outside) return `${ev.stream}, not from the program's console: ${ev.text}`;
      return `console.${ev.stream === 'stderr' ? 'error' : 'log'}: ${ev.text}`;
    case 'unhandled':
      return `promise #${ev.promise}: unhandled rejection`;
  }
}
