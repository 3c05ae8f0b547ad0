/**
 * What the timeline's colours and marks mean, one line each, drawn with the same theme colours the
 * canvas reads (src/webview/theme.ts), so the legend matches in every theme.
 */
import { el } from './dom';

/** [swatch class, meaning] in the order a reader meets them on the canvas, top to bottom. */
const ENTRIES: ReadonlyArray<readonly [string, string]> = [
  ['job', 'a job running in its queue (neighbours alternate blue and purple)'],
  ['waiting', 'under a job: how long it waited in its queue before it ran'],
  ['cursor', 'the step shown'],
  ['console', 'in the console lane: a line printed (red: stderr)'],
  ['pending', "a promise's row while it is pending"],
  [
    'await',
    "on an async function's row: stopped at an await, from the mark to the job that resumed it (hover it for what it waited for)",
  ],
  ['fulfilled', 'fulfilled, from the dot on'],
  ['rejected', 'rejected, from the dot on; a triangle marks a rejection nobody handled'],
  [
    'link',
    'an arrow from a promise to each promise made from it (by .then, .catch, .finally), and to each async function awaiting it',
  ],
  [
    'decided',
    'into Promise.all/race/any/allSettled: the input that decided the result (thin: counted, dashed: too late to count)',
  ],
];

export function legend(): HTMLDetailsElement {
  const list = el('ul', { class: 'legend-list' });
  for (const [swatch, meaning] of ENTRIES) {
    list.append(
      el(
        'li',
        {},
        el('span', { class: `legend-swatch legend-${swatch}`, attrs: { 'aria-hidden': 'true' } }),
        el('span', { text: meaning }),
      ),
    );
  }
  return el(
    'details',
    { class: 'legend' },
    el('summary', { text: 'Legend', attrs: { title: 'What the colours and marks mean' } }),
    list,
  );
}
