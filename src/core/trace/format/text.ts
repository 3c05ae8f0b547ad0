/**
 * `--format text`: the timeline for a terminal, one line per thing that happened, in order, each with
 * its step number as the timeline counts it (`core/trace/steps.ts`; a job's end takes a step but
 * prints no line). Jobs start a block, with why each ran then on the next line (`? why:`, from
 * `core/explain`; no step of its own); what happened inside them (console lines, promises created and
 * settled, jobs queued) is indented under them. Node's internal promises and jobs are left out, as in
 * the editor, and take no step.
 */
import { valueText } from '../valueText';
import { dirname, relative } from 'node:path';
import type { SourceLocation, Trace, TracePromise, ValuePreview } from '../model';
import { groupedAwaits } from '../awaits';
import { byId } from '../idMap';
import { stepNumber, stepsOf } from '../steps';
import { summaryText, withCommas } from './summary';
import { linePieces } from './pieces';
import type { TraceFormat } from './types';

export interface TextOptions {
  /** Show Node's own internal promises and jobs too. */
  internal?: boolean;
  /** Stop the timeline after about this many lines (the summary still follows). */
  maxLines?: number;
}

function place(location: SourceLocation | null, base: string): string {
  if (!location) return '';
  const path = relative(base, location.file) || location.file;
  return ` at ${path.startsWith('..') ? location.file : path}:${location.line}:${location.column}`;
}

function preview(value: ValuePreview | null): string {
  if (!value) return '';
  return `: ${valueText(value).replace(/\s+/g, ' ')}`;
}

function ms(micros: number | undefined): string {
  return micros === undefined ? ''.padStart(10) : `${(micros / 1000).toFixed(3)} ms`.padStart(10);
}

export function traceToText(trace: Trace, options: TextOptions = {}): string {
  return textLines(trace, options).join('\n');
}

/** The text's lines (`traceToText` joins them with newlines). */
function textLines(trace: Trace, options: TextOptions = {}): string[] {
  const base = dirname(trace.file);
  const promises = byId(trace.promises);
  const jobs = byId(trace.jobs);
  const shown = (id: number) => options.internal || !promises.get(id)?.internal;
  // An await's promises are told as the await of their async function (`core/trace/awaits.ts`).
  const grouped = new Set(
    Array.from(groupedAwaits(trace.promises, options.internal).keys(), (i) => trace.promises[i].id),
  );
  const groupedIn = (p: TracePromise | undefined) => (p && grouped.has(p.id) ? p.awaitIn : undefined);
  const lines = [`Promise Lens trace of ${trace.file}`, `Node ${trace.node}, started ${trace.startedAt}`, ''];
  const { events } = stepsOf(trace, { internals: options.internal }).trace;
  const width = String(events.length).length;
  const limit = options.maxLines ?? Infinity;
  for (const [index, event] of events.entries()) {
    if (lines.length >= limit) {
      lines.push(`… ${events.length - index} more steps (\`promise-lens trace --format text\` prints them all)`);
      break;
    }
    const step = String(stepNumber(index)).padStart(width);
    const indent = `${' '.repeat(10)}  ${step}    `;
    switch (event.type) {
      case 'job-start': {
        const job = jobs.get(event.job);
        const label = job?.label ? ` ${job.label}` : '';
        const promise = job?.promise != null ? ` (promise ${job.promise})` : '';
        lines.push(
          `${ms(event.time)}  ${step}  ▶ ${event.task} #${event.job}${label}${promise}${place(job?.location ?? null, base)}`,
        );
        if (job?.why) lines.push(`${' '.repeat(indent.length)}? why: ${job.why.text}`);
        break;
      }
      case 'console': {
        // A line no job printed (a child process's, Node's crash report) says so where the time goes.
        const margin = event.outside ? `${'outside'.padStart(10)}  ${step}    ` : indent;
        const continued = `\n${' '.repeat(indent.length)}  `;
        lines.push(
          `${margin}${event.stream === 'stderr' ? '!' : '|'} ${event.text.replace(/\n$/, '').replace(/\n/g, continued)}`,
        );
        break;
      }
      case 'promise': {
        const p = promises.get(event.promise);
        const owner = groupedIn(p);
        if (p && owner !== undefined) {
          lines.push(`${indent}+ ${awaitLine(p, owner)}${place(p.location, base)}`);
          break;
        }
        const from = p?.parent != null && shown(p.parent) ? ` from ${p.parent}` : '';
        const inputs = p && p.inputs.length > 0 ? ` of [${p.inputs.join(', ')}]` : '';
        lines.push(
          `${indent}+ promise ${event.promise} ${p?.kind ?? ''}${from}${inputs}${place(p?.location ?? null, base)}`,
        );
        break;
      }
      case 'settle': {
        const p = promises.get(event.promise);
        const owner = groupedIn(p);
        const of = owner === undefined ? '' : ` (await in promise ${owner})`;
        lines.push(
          `${indent}${event.state === 'fulfilled' ? '✓' : '✗'} promise ${event.promise} ${event.state}${preview(p?.value ?? null)}${of}`,
        );
        break;
      }
      case 'enqueue': {
        const job = jobs.get(event.job);
        lines.push(`${indent}→ queued ${event.task} #${event.job}${job?.label ? ` ${job.label}` : ''}`);
        break;
      }
      case 'unhandled':
        lines.push(`${indent}! unhandled rejection of promise ${event.promise}`);
        break;
      case 'job-end':
        break;
    }
  }
  if (trace.truncated) lines.push('', 'Recording stopped at the event limit; the program ran on.');
  const pending = trace.promises.filter((p) => p.state === 'pending' && shown(p.id) && !grouped.has(p.id));
  if (pending.length > 0) lines.push('', ...pendingLines(pending, base));
  lines.push('', summaryText(trace), '');
  return lines;
}

/** Past this many, pending promises are counted by the place that made them, a few ids named each. */
const PENDING_LISTED = 10;
const PENDING_PLACES = 10;
const IDS_PER_PLACE = 5;

/**
 * The promises left pending: each named, or, when there are many (a loop that never settles its
 * promises leaves thousands), one line per place with its count and its first few ids.
 */
function pendingLines(pending: readonly TracePromise[], base: string): string[] {
  if (pending.length <= PENDING_LISTED)
    return [`Still pending at the end: ${pending.map((p) => `promise ${p.id}${place(p.location, base)}`).join(', ')}`];
  const byPlace = new Map<string, number[]>();
  for (const p of pending) {
    const at = place(p.location, base) || ' at no place of the program';
    const ids = byPlace.get(at);
    if (ids) ids.push(p.id);
    else byPlace.set(at, [p.id]);
  }
  const lines = [`Still pending at the end: ${withCommas(pending.length)} promises`];
  let shown = 0;
  for (const [at, ids] of byPlace) {
    if (shown++ === PENDING_PLACES) {
      const rest = pending.length - [...byPlace.values()].slice(0, PENDING_PLACES).reduce((n, l) => n + l.length, 0);
      lines.push(`  and ${withCommas(rest)} more at ${withCommas(byPlace.size - PENDING_PLACES)} other places`);
      break;
    }
    const named = ids.slice(0, IDS_PER_PLACE).join(', ');
    const more = ids.length > IDS_PER_PLACE ? ` and ${withCommas(ids.length - IDS_PER_PLACE)} more` : '';
    lines.push(`  ${withCommas(ids.length)}${at}: ${ids.length === 1 ? 'promise' : 'promises'} ${named}${more}`);
  }
  return lines;
}

/**
 * `await in promise 1: its own promise 3, waiting for promise 2`; for a value that is not a promise,
 * `await in promise 1 of a value that is not a promise: V8 wraps it in promise 5`, then its own.
 */
function awaitLine(p: TracePromise, owner: number): string {
  if (p.parent === null)
    return `await in promise ${owner} of a value that is not a promise: V8 wraps it in promise ${p.id}`;
  return `await in promise ${owner}: its own promise ${p.id}, waiting for promise ${p.parent}`;
}

export const textFormat: TraceFormat = {
  description: 'a readable timeline for terminals',
  extension: '.txt',
  write: (trace) => traceToText(trace),
  pieces: (trace) => linePieces(textLines(trace)),
};
