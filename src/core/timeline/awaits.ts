/**
 * An async function's awaits as its row shows them: where each `await` is, what it waited for, and
 * the steps between which the function was stopped there (from the `await` to the job that resumed
 * it). The promises V8 made for them are not rows (`layout.awaitOwner`); these words stand for them.
 */
import type { TimelineLayout } from './layout';
import { describePromise, describeValue, formatLocation } from './describe';
import { traceColumns } from './columns';
import { IdMap } from '../trace/idMap';

export interface AwaitSpan {
  /** Promise index of the await's own promise. */
  index: number;
  /** Step of the `await`: the function stopped there. */
  start: number;
  /** Step at which its continuation job started, or -1 when it never resumed. */
  resume: number;
  /** What it waited for, in words: `#2 new app.js:8`, `the value 2`. */
  waitedFor: string;
  /** Promise index of what it waited for when that is a row, else -1. */
  waitedForIndex: number;
}

const resumeCache = new WeakMap<TimelineLayout, IdMap<number>>();

/** Promise id → start step of the first job that ran a reaction of it (an await's continuation). */
function resumeSteps(layout: TimelineLayout): IdMap<number> {
  let map = resumeCache.get(layout);
  if (!map) {
    map = new IdMap();
    const { jobPromise } = traceColumns(layout.source);
    for (let j = 0; j < jobPromise.length; j++) {
      const promise = jobPromise[j];
      if (!Number.isNaN(promise) && !map.has(promise)) map.set(promise, layout.jobStart[j]);
    }
    resumeCache.set(layout, map);
  }
  return map;
}

export function awaitSpan(layout: TimelineLayout, index: number): AwaitSpan {
  const { promises } = layout.trace;
  const p = promises[index];
  const parentIndex = p.parent === null ? undefined : layout.promiseIndex.get(p.parent);
  const parent = parentIndex === undefined ? undefined : promises[parentIndex];
  let waitedFor: string;
  let waitedForIndex = -1;
  if (parent && parent.kind === 'await' && parent.parent === null) {
    // V8's wrapper of a value that is not a promise: the await waited for that value.
    waitedFor = parent.value ? `the value ${describeValue(parent.value)}` : 'a value that is not a promise';
  } else if (parent) {
    waitedFor = describePromise(parent);
    if (layout.rowOf[parentIndex!] !== -1) waitedForIndex = parentIndex!;
    else if (parent.internal) waitedFor += ", Node's own";
  } else waitedFor = p.parent === null ? 'a value' : `#${p.parent}`;
  return {
    index,
    start: layout.promiseStart[index],
    resume: resumeSteps(layout).get(p.id) ?? -1,
    waitedFor,
    waitedForIndex,
  };
}

/** The awaits of the async function at promise index `owner`, in the order they ran. */
export function awaitSpans(layout: TimelineLayout, owner: number): AwaitSpan[] {
  return (layout.awaitsOf.get(owner) ?? []).map((i) => awaitSpan(layout, i));
}

/** The await the function at `owner` is stopped at, at `step`, if any. */
export function awaitingAt(layout: TimelineLayout, owner: number, step: number): AwaitSpan | undefined {
  for (const i of layout.awaitsOf.get(owner) ?? []) {
    if (layout.promiseStart[i] > step) break;
    const span = awaitSpan(layout, i);
    if (span.resume === -1 || span.resume > step) return span;
  }
  return undefined;
}

/** `await at app.js:2, waiting for #2 new app.js:8; resumed at step 11`. */
export function awaitText(layout: TimelineLayout, span: AwaitSpan, stepNumber: (s: number) => number): string {
  const p = layout.trace.promises[span.index];
  const where = p.location ? ` at ${formatLocation(p.location)}` : '';
  const resumed = span.resume === -1 ? 'never resumed' : `resumed at step ${stepNumber(span.resume)}`;
  return `await${where} (step ${stepNumber(span.start)}) waited for ${span.waitedFor}; ${resumed}`;
}

/** How many awaits the rows show (each on its function's row): what the counts call awaits. */
export function awaitCount(layout: TimelineLayout): number {
  let n = 0;
  for (const list of layout.awaitsOf.values()) n += list.length;
  return n;
}
