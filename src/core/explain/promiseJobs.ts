import { valueText } from '../trace/valueText';
import { THENABLE_JOB_LABEL, type TraceJob, type TracePromise } from '../trace/model';
import { combinatorInput } from './combinatorJobs';
import { isAwaitWrapper } from '../trace/awaits';
import type { WhyRule } from './rules';
import type { TraceIndex } from './traceIndex';
import { COMBINATOR_NAMES, HANDLER_NAMES, lineOf, promiseName } from './words';

/**
 * Why a microtask ran: a `queueMicrotask` callback, a reaction (or a reaction with no handler), an
 * `await` resuming, or one of the two jobs V8 runs to adopt a promise. A combinator's input is
 * `combinatorJobs.ts`'s.
 */

/** The label of the job in which an adopting promise takes the adopted one's value. */
export const ADOPT_RESULT_LABEL = 'adopt returned promise';

export function explainMicrotask(index: TraceIndex, job: TraceJob): [WhyRule, string] {
  const queued = index.queuedAt(job);
  if (job.promise === null) {
    return [
      'queue-microtask',
      `A \`queueMicrotask\` callback${queued}: it waits in the microtask queue with promise jobs, first in, first out.`,
    ];
  }
  const p = index.promises.get(job.promise);
  if (!p) return ['promise-job', `A promise job for promise #${job.promise}${queued}.`];
  if (job.label.endsWith(THENABLE_JOB_LABEL)) return ['adopt-thenable', adoptThenable(index, job, p)];
  const adopting = index.engine.adoptions.get(p.id);
  if (adopting) {
    if (job.label.startsWith("Node's ")) job.label = ADOPT_RESULT_LABEL;
    return ['adopt-settle', adoptSettle(index, p, adopting)];
  }
  const combinator = index.engine.inputThens.get(p.id);
  if (combinator) {
    const name = COMBINATOR_NAMES[combinator.kind] ?? combinator.kind;
    if (job.label.startsWith("Node's ")) job.label = `${name} input`;
    return combinatorInput(index, job, p, combinator, name);
  }
  const parent = p.parent === null ? undefined : index.promises.get(p.parent);
  // The wrapper of an awaited value has a job of its own only when that value is a thenable.
  if (isAwaitWrapper(p)) {
    // The reader labels a promise's first job by its kind; this one resumes nothing.
    if (job.label.endsWith('await continuation'))
      job.label = job.label.replace('await continuation', THENABLE_JOB_LABEL);
    return ['adopt-thenable', adoptThenable(index, job, p)];
  }
  if (p.kind === 'await') return awaitResume(index, job, p, parent);
  if (parent && HANDLER_NAMES[p.kind]) return reaction(index, job, p, parent);
  return ['promise-job', `A promise job V8 queued for ${promiseName(p)}${queued}.`];
}

function reaction(index: TraceIndex, job: TraceJob, p: TracePromise, parent: TracePromise): [WhyRule, string] {
  const handler = HANDLER_NAMES[p.kind]!;
  const state = parent.state;
  const reactions = parent.reactions.filter((r) => r.child === p.id);
  const located = reactions.some((r) => r.handler !== null);
  const listed = reactions.some((r) => r.on === 'both' || r.on === (state === 'rejected' ? 'reject' : 'fulfil'));
  const passes =
    job.passThrough === true ||
    (p.kind === 'catch' && state === 'fulfilled') ||
    (p.kind === 'then' && state === 'rejected' && located && !listed);
  const settled =
    parent.settledAt === null
      ? `${promiseName(parent)} settled`
      : `${promiseName(parent)} ${state} at step ${index.step(parent.settledAt)}`;
  const already = job.enqueuedAt !== null && parent.settledAt !== null && job.enqueuedAt > parent.settledAt;
  if (passes) {
    const missing = state === 'rejected' ? 'no rejection handler' : 'no fulfilment handler';
    return [
      'pass-through',
      `${settled}, and the ${handler}${lineOf(p)} has ${missing}: no code runs, V8 only passes the ${state === 'rejected' ? 'reason' : 'value'} on to promise #${p.id}.`,
    ];
  }
  // A `.then` on a rejection whose call could not be read: whether it had a rejection handler is unknown.
  const unknown = p.kind === 'then' && state === 'rejected' && !located;
  if (already) {
    return [
      'reaction',
      `${promiseName(parent)} had already ${state} when ${handler} was called at step ${index.step(job.enqueuedAt!)}, so its ${unknown ? 'reaction' : 'handler'} was queued as a microtask at once.`,
    ];
  }
  const which =
    p.kind === 'finally'
      ? `${handler} handler (it runs either way)`
      : unknown
        ? `${handler} reaction`
        : `${handler} handler`;
  return [
    'reaction',
    `${settled}, so its ${which} was queued as a microtask; microtasks run in the order they were queued.`,
  ];
}

function awaitResume(
  index: TraceIndex,
  job: TraceJob,
  p: TracePromise,
  awaited: TracePromise | undefined,
): [WhyRule, string] {
  const at = lineOf(p);
  if (!awaited)
    return ['await-resume', `The awaited value settled, so the async function resumes after its \`await\`${at}.`];
  if (
    isAwaitWrapper(awaited) &&
    awaited.settledAt !== null &&
    awaited.settledAt < p.createdAt &&
    awaited.state === 'fulfilled'
  ) {
    const value = awaited.value ? ` (${valueText(awaited.value)})` : '';
    return [
      'await-value',
      `\`await\` of a value that is not a promise${value} still waits one microtask: V8 wraps it in an already fulfilled promise, so the async function resumes${at} in the next microtask, after the jobs queued before it.`,
    ];
  }
  const what = isAwaitWrapper(awaited) ? 'The awaited thenable' : `The awaited ${promiseName(awaited)}`;
  const state = awaited.state;
  const then =
    state === 'rejected'
      ? `so the \`await\`${at} throws its reason in the async function`
      : `so the async function resumes after its \`await\`${at}`;
  if (awaited.settledAt !== null && awaited.settledAt < p.createdAt) {
    return [
      'await-resume',
      `${what} had already ${state} when the \`await\`${at} ran (step ${index.step(p.createdAt)}); an \`await\` still waits one microtask, ${then.replace('so ', 'then ')}.`,
    ];
  }
  const when = awaited.settledAt !== null ? ` at step ${index.step(awaited.settledAt)}` : '';
  return ['await-resume', `${what} ${state === 'pending' ? 'settled' : state}${when}, ${then}.`];
}

function adoptThenable(index: TraceIndex, job: TraceJob, adopter: TracePromise): string {
  const then = index.engine.adoptionIn.get(job.id);
  const thenable = then?.parent != null ? index.promises.get(then.parent) : undefined;
  const t = thenable ? `promise #${thenable.id}` : 'a thenable';
  let cause: string;
  switch (adopter.kind) {
    case 'then':
    case 'catch':
      cause = `The ${HANDLER_NAMES[adopter.kind]} handler returned ${t}, so promise #${adopter.id} must adopt it`;
      break;
    case 'finally':
      cause = `\`.finally\` passes the value on through a promise of V8's own (${t}), which promise #${adopter.id} must adopt`;
      break;
    case 'async':
      cause = `The async function returned ${t}, so its promise #${adopter.id} must adopt it`;
      break;
    case 'await':
      cause = `\`await\` was given ${t === 'a thenable' ? 'a thenable that is not a promise' : t}, so the promise V8 made for it (#${adopter.id}) must adopt it`;
      break;
    case 'new':
    case 'withResolvers':
      cause = `\`resolve\` was called with ${t}, so promise #${adopter.id} must adopt it`;
      break;
    default:
      cause = `${promiseName(adopter)} was resolved with ${t}, so it must adopt it`;
  }
  if (!thenable)
    return `${cause}: this job calls the thenable's own \`then\` method, and #${adopter.id} settles when that calls back.`;
  return `${cause}: this job calls #${thenable.id}'s \`then\`, the first of the two extra microtasks adopting a promise costs.`;
}

function adoptSettle(index: TraceIndex, p: TracePromise, adopting: TraceJob): string {
  const thenable = p.parent === null ? undefined : index.promises.get(p.parent);
  const adopter = adopting.promise === null ? undefined : index.promises.get(adopting.promise);
  const who = adopter ? `promise #${adopter.id}` : 'the adopting promise';
  const t = thenable ? `Promise #${thenable.id}` : 'The adopted promise';
  const state = thenable?.state ?? 'settled';
  const takes = state === 'rejected' ? 'its reason' : 'its value';
  return `${t}, which ${who} adopted, ${state === 'pending' ? 'settled' : state}, so ${who} takes ${takes}: the second extra microtask of adopting a promise.`;
}
