/**
 * The words the hover and the end-of-line notes use. The hover is Markdown in which everything that
 * came from the traced program is a code span or escaped text; the notes are plain text.
 */
import type { PromiseKind, PromiseState, SourceLocation, TaskKind, Trace, TracePromise } from '../trace/model';
import type { HoverTarget } from './index';
import { stepsOf } from '../trace/steps';
import { byId, type IdMap } from '../trace/idMap';
import { escapeMarkdown, inlineCode } from './markdown';
import { valueText } from '../trace/valueText';

/** How the host turns places into link targets. */
export interface HoverLinks {
  /** A link that opens a source location, or undefined when it cannot be opened. */
  location(location: SourceLocation): string | undefined;
  /** A link that shows a promise in the timeline. */
  promise(id: number): string;
}

export interface DescribeContext {
  trace: Trace;
  /** The file trace locations use for the document hovered. */
  file: string;
  links: HoverLinks;
  /** Whether the timeline counts Node's internal events as steps (its "Node internals" box); default not. */
  internals?: boolean;
}

export const STATE_ICON: Record<PromiseState, string> = { fulfilled: '✔', rejected: '✗', pending: '⏳' };

/** Value and reason length in hovers; the runtime bounds them too, this keeps a hover readable. */
const HOVER_VALUE_MAX = 200;
const NOTE_VALUE_MAX = 60;
const LISTED_MAX = 24;

const KIND_LABEL: Record<PromiseKind, string> = {
  new: 'new Promise',
  then: '.then',
  catch: '.catch',
  finally: '.finally',
  async: 'async function',
  await: 'await',
  resolve: 'Promise.resolve',
  reject: 'Promise.reject',
  all: 'Promise.all',
  allSettled: 'Promise.allSettled',
  race: 'Promise.race',
  any: 'Promise.any',
  withResolvers: 'Promise.withResolvers',
  node: "Node's promise",
  unknown: 'promise',
};

const TASK_WORDS: Record<TaskKind, string> = {
  script: 'the main script',
  nextTick: 'a process.nextTick callback',
  microtask: 'a microtask',
  timer: 'a timer callback',
  immediate: 'a setImmediate callback',
  io: 'an I/O callback',
  other: 'a callback',
};

/** The end-of-line note for the promises one line created: `→ fulfilled 42`, `✗ rejected: Error: boom`, `⏳ pending`. */
export function noteText(promises: readonly TracePromise[]): string {
  if (promises.length === 0) return '';
  if (promises.length === 1) {
    const [p] = promises;
    if (p.state === 'fulfilled') return `→ fulfilled ${valueText(p.value, NOTE_VALUE_MAX)}`.trimEnd();
    if (p.state === 'rejected') return `✗ rejected: ${valueText(p.value, NOTE_VALUE_MAX)}`;
    return '⏳ pending';
  }
  const n = promises.length;
  const { fulfilled, rejected, pending } = countStates(promises);
  const firstRejected = promises.find((p) => p.state === 'rejected');
  const reason = firstRejected ? valueText(firstRejected.value, NOTE_VALUE_MAX) : '';
  if (rejected === n) return `✗ ${n}× rejected: ${reason}`;
  if (pending === n) return `⏳ ${n}× pending`;
  if (fulfilled === n) {
    const values = new Set(promises.map((p) => p.value?.text));
    const same = values.size === 1 ? ` ${valueText(promises[0].value, NOTE_VALUE_MAX)}` : '';
    return `→ ${n}× fulfilled${same}`.trimEnd();
  }
  const parts = [
    fulfilled > 0 ? `${fulfilled} fulfilled` : '',
    rejected > 0 ? `${rejected} rejected` : '',
    pending > 0 ? `${pending} pending` : '',
  ];
  const icon = rejected > 0 ? '✗' : '⏳';
  return `${icon} ${n}×: ${parts.filter(Boolean).join(', ')}${rejected > 0 ? ` (first: ${reason})` : ''}`;
}

export function countStates(promises: readonly TracePromise[]): Record<PromiseState, number> {
  const counts: Record<PromiseState, number> = { fulfilled: 0, rejected: 0, pending: 0 };
  for (const p of promises) counts[p.state]++;
  return counts;
}

/** The one-line summary a many-promise hover opens with: `created 20×: 18 fulfilled, 2 rejected`. */
export function manySummary(promises: readonly TracePromise[], verb = 'created'): string {
  const counts = countStates(promises);
  const parts = (['fulfilled', 'rejected', 'pending'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`);
  return `${verb} ${promises.length}×: ${parts.join(', ')}`;
}

/** The hover's Markdown for a target. */
export function describeTarget(target: HoverTarget, context: DescribeContext): string {
  const lines: string[] = [];
  const { promises } = target;
  const title = target.awaited ? `${inlineCode(target.label)} waited for` : inlineCode(target.label);
  if (target.scope === 'every-call' && target.callee) {
    lines.push(`_Every call of ${inlineCode(target.callee)}: the trace does not tell this call's promises apart._`, '');
  }
  if (promises.length === 1) lines.push(...describeOne(promises[0], title, context));
  else lines.push(...describeMany(promises, title, context, target.awaited ? 'settled' : 'created'));
  if (target.side.length > 0) {
    const kinds = [...new Set(target.side.map((p) => KIND_LABEL[p.kind]))].map(inlineCode).join(', ');
    lines.push(
      '',
      `_Also made along the way: ${target.side.length} promise${target.side.length === 1 ? '' : 's'} (${kinds})._`,
    );
  }
  return lines.join('\n');
}

function describeOne(p: TracePromise, title: string, context: DescribeContext): string[] {
  const out: string[] = [];
  out.push(`${STATE_ICON[p.state]} **${p.state}** · ${title} · ${promiseLink(p, context, false)}`, '');
  if (p.state === 'fulfilled') out.push(`**Value:** ${inlineCode(valueText(p.value, HOVER_VALUE_MAX))}`, '');
  if (p.state === 'rejected') {
    out.push(
      `**Reason:** ${inlineCode(valueText(p.value, HOVER_VALUE_MAX))}${p.unhandled ? ' — ⚠ never handled' : ''}`,
      '',
    );
  }
  out.push(settlement(p, context), '');
  out.push(`**Reactions:** ${reactions(p, context)}`, '');
  // An await's parent is the promise it waits for, which a hover on the await already shows as its subject.
  const parent = p.parent === null || p.kind === 'await' ? undefined : findPromise(context.trace, p.parent);
  const related: string[] = [];
  if (parent) related.push(`**Parent:** ${relative(parent, context)}`);
  const children = childrenOf(p, context.trace);
  if (children.length > 0) {
    const shown = children.slice(0, 8).map((c) => relative(c, context));
    const more = children.length > shown.length ? ` and ${children.length - shown.length} more` : '';
    related.push(`**Children:** ${shown.join(', ')}${more}`);
  }
  const inputs = p.inputs.map((id) => findPromise(context.trace, id)).filter((x): x is TracePromise => x !== undefined);
  if (inputs.length > 0)
    related.push(
      `**Inputs:** ${inputs
        .slice(0, 8)
        .map((c) => relative(c, context))
        .join(', ')}${inputs.length > 8 ? ` and ${inputs.length - 8} more` : ''}`,
    );
  if (related.length > 0) out.push(related.join('  \n'), '');
  out.push(`[Show in timeline](${context.links.promise(p.id)})`);
  return out;
}

function describeMany(
  promises: readonly TracePromise[],
  title: string,
  context: DescribeContext,
  verb: string,
): string[] {
  const out: string[] = [];
  const counts = countStates(promises);
  const icon =
    counts.rejected > 0 ? STATE_ICON.rejected : counts.pending > 0 ? STATE_ICON.pending : STATE_ICON.fulfilled;
  out.push(`${icon} ${title} **${manySummary(promises, verb)}**`, '');
  const firstRejected = promises.find((p) => p.state === 'rejected');
  if (firstRejected) {
    out.push(
      `**First rejection:** ${inlineCode(valueText(firstRejected.value, HOVER_VALUE_MAX))} — ${promiseLink(firstRejected, context, false)}, ${settlementPhrase(firstRejected, context)}`,
      '',
    );
  }
  const fulfilled = promises.filter((p) => p.state === 'fulfilled');
  if (fulfilled.length > 0) {
    const distinct = [...new Set(fulfilled.map((p) => valueText(p.value, 60)))];
    const shown = distinct.slice(0, 3).map(inlineCode).join(', ');
    const mixed = fulfilled.length < promises.length;
    const label = mixed ? 'Fulfilled with' : distinct.length === 1 ? 'Every value' : 'Values';
    out.push(`**${label}:** ${shown}${distinct.length > 3 ? ` and ${distinct.length - 3} more` : ''}`, '');
  }
  const listed = promises
    .slice(0, LISTED_MAX)
    .map((p) => `[#${p.id} ${STATE_ICON[p.state]}](${context.links.promise(p.id)})`);
  const more = promises.length > LISTED_MAX ? ` and ${promises.length - LISTED_MAX} more` : '';
  out.push(`**In the timeline:** ${listed.join(' · ')}${more}`);
  return out;
}

/** `promise #12` linked to the timeline. */
function promiseLink(p: TracePromise, context: DescribeContext, withKind: boolean): string {
  const label = withKind ? `#${p.id} ${KIND_LABEL[p.kind]}` : `promise #${p.id}`;
  return `[${escapeMarkdown(label)}](${context.links.promise(p.id)})`;
}

/** A related promise: its link, kind, state and where it was created. */
function relative(p: TracePromise, context: DescribeContext): string {
  const where = p.location ? ` at ${locationLink(p.location, context)}` : '';
  // An await's own promise always fulfils with undefined: only where it waited says anything.
  if (p.kind === 'await') return `${promiseLink(p, context, true)}${where}`;
  return `${promiseLink(p, context, true)} ${STATE_ICON[p.state]} ${p.state}${where}`;
}

function settlement(p: TracePromise, context: DescribeContext): string {
  if (p.state === 'pending')
    return context.trace.truncated
      ? 'Still pending where the recording stopped.'
      : 'Still pending when the program ended.';
  return `Settled ${settlementPhrase(p, context)}.`;
}

function settlementPhrase(p: TracePromise, context: DescribeContext): string {
  const step =
    p.settledAt === null ? undefined : stepsOf(context.trace, { internals: context.internals }).numberOf(p.settledAt);
  const job = p.settledIn === null ? undefined : findJob(context.trace, p.settledIn);
  const at = step === undefined ? '' : `at step ${step}`;
  const label = job && job.task !== 'script' && job.label ? ` (${escapeMarkdown(job.label)})` : '';
  const inJob = job ? `in ${TASK_WORDS[job.task]}${label}` : '';
  return [at, inJob].filter(Boolean).join(' ') || 'at an unrecorded moment';
}

function reactions(p: TracePromise, context: DescribeContext): string {
  if (p.reactions.length === 0) {
    return p.state === 'rejected' ? 'none — nothing handled this rejection here' : 'none — nothing was chained on it';
  }
  const on = { fulfil: 'on fulfil', reject: 'on reject', both: 'either way' } as const;
  const shown = p.reactions.slice(0, 8).map((r) => {
    const handler = r.handler ? ` ${locationLink(r.handler, context)}` : '';
    const child = r.child === null ? '' : ` → ${promiseLinkById(r.child, context)}`;
    return `${on[r.on]}${handler}${child}`;
  });
  const more = p.reactions.length > shown.length ? ` and ${p.reactions.length - shown.length} more` : '';
  return shown.join('; ') + more;
}

function promiseLinkById(id: number, context: DescribeContext): string {
  return `[${escapeMarkdown(`#${id}`)}](${context.links.promise(id)})`;
}

/** `line 27` in the hovered file, `util.js:4:7` elsewhere; a link when the host can open it. */
function locationLink(location: SourceLocation, context: DescribeContext): string {
  const base = location.file.split(/[\\/]/).pop() ?? location.file;
  const text = location.file === context.file ? `line ${location.line}` : `${base}:${location.line}:${location.column}`;
  const target = context.links.location(location);
  return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}

function childrenOf(p: TracePromise, trace: Trace): TracePromise[] {
  return lookup(trace).children.get(p.id) ?? [];
}

function findPromise(trace: Trace, id: number): TracePromise | undefined {
  return lookup(trace).promises.get(id);
}

function findJob(trace: Trace, id: number) {
  return lookup(trace).jobs.get(id);
}

interface Lookup {
  promises: IdMap<TracePromise>;
  jobs: IdMap<Trace['jobs'][number]>;
  children: Map<number, TracePromise[]>;
}
const lookups = new WeakMap<Trace, Lookup>();

function lookup(trace: Trace): Lookup {
  let found = lookups.get(trace);
  if (found) return found;
  const promises = byId(trace.promises);
  const jobs = byId(trace.jobs);
  const children = new Map<number, TracePromise[]>();
  for (const p of trace.promises) {
    if (p.parent === null || p.internal) continue;
    const list = children.get(p.parent);
    if (list) list.push(p);
    else children.set(p.parent, [p]);
  }
  found = { promises, jobs, children };
  lookups.set(trace, found);
  return found;
}
