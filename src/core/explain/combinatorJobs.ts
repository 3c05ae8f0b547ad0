import type { TraceJob, TracePromise } from '../trace/model';
import type { WhyRule } from './rules';
import type { TraceIndex } from './traceIndex';
import { idList } from './words';

/**
 * Why the `then` V8 attaches to an input of `Promise.all`/`allSettled`/`race`/`any` ran, and what it
 * did to its combinator: settled it, left it waiting (for whom), or came too late.
 */

export function combinatorInput(
  index: TraceIndex,
  job: TraceJob,
  p: TracePromise,
  c: TracePromise,
  name: string,
): [WhyRule, string] {
  const input = p.parent === null ? undefined : index.promises.get(p.parent);
  const i = input ? `#${input.id}` : 'an input';
  const state = input?.state ?? 'settled';
  const head = `Input ${i} of ${name} #${c.id} ${state}`;
  if (c.settledAt !== null && c.settledAt < job.startedAt) {
    return ['combinator-late', `${head}, but #${c.id} had already ${c.state}: V8 ignores this result.`];
  }
  const thens = index.engine.thensOf.get(c.id) ?? [];
  const rank = index.engine.inputRank.get(p.id) ?? thens.length - 1;
  // The inputs whose result had not reached the combinator yet: still pending at this step, or settled
  // already with their job queued behind this one (an input that settled first may still come later).
  // Told apart and named when few; a combinator of thousands gets a count (one look per input job).
  const still = thens.length - rank - 1;
  const later = still <= MAX_NAMED ? thens.slice(rank + 1).map((t) => t.parent ?? 0) : [];
  const pending: number[] = [];
  const settled: number[] = [];
  for (const id of later) {
    const q = index.promises.get(id);
    if (q && q.settledAt !== null && q.settledAt < job.startedAt) settled.push(id);
    else pending.push(id);
  }
  const running =
    still > MAX_NAMED
      ? `; ${still} other inputs had not reached it yet`
      : (pending.length > 0
          ? `; ${idList(pending)} ${pending.length === 1 ? 'was' : 'were'} still pending and not cancelled`
          : '') +
        (settled.length > 0
          ? `; ${idList(settled)} had settled too, but ${settled.length === 1 ? 'its result' : 'their results'} came later`
          : '');
  if (c.settledIn === job.id) {
    const n = c.inputs.length;
    switch (c.kind) {
      case 'all':
        if (c.state === 'rejected')
          return ['combinator-settled', `${name} #${c.id} rejected as soon as ${i} rejected (fail fast)${running}.`];
        if (n === 1)
          return [
            'combinator-settled',
            `${head}, its only input, so ${name} #${c.id} fulfilled with its value in an array.`,
          ];
        return [
          'combinator-settled',
          `${head}, the last of its ${n} inputs, so ${name} #${c.id} fulfilled with all their values.`,
        ];
      case 'allSettled':
        if (n === 1)
          return [
            'combinator-settled',
            `${name} #${c.id} waited for its only input, ${i}, which ${state}, so it fulfilled.`,
          ];
        return [
          'combinator-settled',
          `${name} #${c.id} waited for all ${n} inputs, fulfilled or rejected: the last, ${i}, ${state}, so it fulfilled.`,
        ];
      case 'race':
        return [
          'combinator-settled',
          `${name} #${c.id} settles with the first input whose result reaches it: ${i} ${state}${running}.`,
        ];
      case 'any':
        if (c.state === 'rejected')
          return [
            'combinator-settled',
            `Every input of ${name} #${c.id} rejected (${i} last), so it rejected with an AggregateError.`,
          ];
        return ['combinator-settled', `${name} #${c.id} fulfilled with its first input to fulfil, ${i}${running}.`];
    }
  }
  const waits =
    still > 0
      ? `; #${c.id} still waits for ${still} more (${still > MAX_NAMED ? `${still} others` : idList(later)})`
      : '';
  if (c.kind === 'any' && state === 'rejected')
    return ['combinator-input', `${head}: ${name} ignores a rejection while another input may still fulfil${waits}.`];
  return ['combinator-input', `${head}${waits}.`];
}

/** Inputs named one by one up to this many. */
const MAX_NAMED = 4;
