/** What the page says of each line once revealed, all derived from the trace's puzzle. */
import { allRight, type PlaceMark } from '../../core/predict/order';
import type { PredictPuzzle } from '../../core/predict/puzzle';
import { el } from '../dom';

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const LABELS: Record<PlaceMark['mark'], string> = {
  right: '✓ Right',
  unordered: '≈ Right: Node does not promise this order',
  wrong: '✗ Wrong',
};

/** The sentence above the marked lines after a reveal. */
export function resultSentence(marks: readonly PlaceMark[]): string {
  const right = marks.filter((m) => m.mark !== 'wrong').length;
  const free = marks.some((m) => m.mark === 'unordered');
  if (allRight(marks) && !free) return `All ${marks.length} lines are in the order they printed.`;
  const note = 'the lines marked ≈ ran in an order Node does not promise, and this run printed them in another order.';
  if (allRight(marks)) return `All ${marks.length} lines are in an order Node allows: ${note}`;
  return `${right} of ${marks.length} lines are in the right place.${free ? ` Of these, ${note}` : ''}`;
}

/** "Why now: …" with the sentence's `code` spans as <code>, through textContent only. */
function whyParagraph(text: string): HTMLParagraphElement {
  const p = el('p', { class: 'why' }, el('span', { class: 'label', text: 'Why now: ' }));
  text.split('`').forEach((part, i) => {
    if (part) p.appendChild(i % 2 === 1 ? el('code', { text: part }) : document.createTextNode(part));
  });
  return p;
}

/** The mark of the line at `place`, where and when it printed, and why its job ran then. */
export function renderVerdict(puzzle: PredictPuzzle, mark: PlaceMark, place: number): HTMLElement {
  // A right line is the one printed at this place (an identical text may be another line of the same text).
  const line = mark.mark === 'right' ? puzzle.lines[place] : puzzle.lines[mark.line];
  const count = puzzle.lines.length;
  const places = mark.truePlaces.map((p) => ordinal(p + 1));
  const where =
    mark.mark === 'right'
      ? `Printed ${ordinal(place + 1)} of ${count}`
      : places.length > 1
        ? `This text printed ${places.slice(0, -1).join(', ')} and ${places[places.length - 1]} of ${count}`
        : `Printed ${places[0]} of ${count}`;
  const by = line.job ? ` (job: ${line.job})` : '';
  const box = el(
    'div',
    { class: 'verdict' },
    el('span', { class: 'mark', text: LABELS[mark.mark] }),
    el('span', {
      class: 'where',
      text: `${where}, at step ${line.step}${by}${line.stream === 'stderr' ? ' (stderr)' : ''}.`,
    }),
  );
  box.append(
    line.why
      ? whyParagraph(line.why.text)
      : el('p', { class: 'why', text: 'No job of the trace was running when it printed.' }),
  );
  return box;
}
