import type { PromiseKind, TracePromise, TraceJob } from '../trace/model';

/** The words every explanation shares: API names, how a job or a promise is named, a sentence's capital. */

export const COMBINATOR_NAMES: Partial<Record<PromiseKind, string>> = {
  all: 'Promise.all',
  allSettled: 'Promise.allSettled',
  race: 'Promise.race',
  any: 'Promise.any',
};

export const HANDLER_NAMES: Partial<Record<PromiseKind, string>> = {
  then: '`.then`',
  catch: '`.catch`',
  finally: '`.finally`',
};

/** `promise #3`, or `Node's promise #3` for one of Node's own. */
export function promiseName(p: TracePromise): string {
  return `${p.internal ? "Node's " : ''}promise #${p.id}`;
}

/** ` at line 4` where the promise was made, or ''. */
export function lineOf(p: TracePromise): string {
  return p.location ? ` at line ${p.location.line}` : '';
}

export function jobPhrase(job: TraceJob): string {
  switch (job.task) {
    case 'script':
      return job.label === 'main module' ? 'the main module' : 'the script';
    case 'nextTick':
      return 'a `process.nextTick` callback';
    case 'microtask':
      return job.promise === null ? 'a `queueMicrotask` callback' : 'a promise job';
    case 'timer':
      return 'a timer callback';
    case 'immediate':
      return 'a `setImmediate` callback';
    case 'io':
      return 'an I/O callback';
    case 'other':
      return 'a callback of Node';
  }
}

export function capital(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Promise ids as a person reads them, ascending: "#1", "#1 and #3", "#1, #2 and #4". */
export function idList(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b).map((id) => `#${id}`);
  return sorted.length === 1 ? sorted[0] : `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}
