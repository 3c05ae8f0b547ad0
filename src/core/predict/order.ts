/**
 * The ordering game's rules, pure so the page and the tests share them: a seeded shuffle that never
 * hands back the order the program printed, and the marking of an answer.
 *
 * Lines are compared by their text: two identical lines are interchangeable, so either one in either
 * place counts as right. Where Node does not promise an order (a 0 ms timer and a `setImmediate` both
 * set before the event loop started), a block of such lines counts as right in any order that keeps
 * each queue's own lines in order.
 */

/** What the rules need of a line. */
export interface OrderLine {
  text: string;
  /** The queue of the job that printed it (`timer`, `immediate`, ...). */
  task: string;
  /** Printed by a job whose place against its neighbours' Node does not promise. */
  unordered: boolean;
}

/** `right`: the line the program printed there; `unordered`: right, as Node does not promise this order. */
export type Mark = 'right' | 'unordered' | 'wrong';

/** The mark of the line at one place of an answer. */
export interface PlaceMark {
  mark: Mark;
  /** The line placed there, as an index into the lines in the order they printed. */
  line: number;
  /** The places (0-based) where a line with this text printed. */
  truePlaces: number[];
}

/** Whether the lines can be put in more than one distinct order (two different texts at least). */
export function hasOrderToGuess(lines: readonly OrderLine[]): boolean {
  return lines.some((line) => line.text !== lines[0].text);
}

/** Whether `order` holds each index of `count` lines once. */
export function isPermutation(order: readonly number[], count: number): boolean {
  if (order.length !== count) return false;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= count || seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}

/** Maximal runs of places whose printed lines are all `unordered`, as [start, end). */
function unorderedBlocks(lines: readonly OrderLine[]): [number, number][] {
  const blocks: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const free = i < lines.length && lines[i].unordered;
    if (free && start < 0) start = i;
    if (!free && start >= 0) {
      if (i - start > 1) blocks.push([start, i]);
      start = -1;
    }
  }
  return blocks;
}

const textsOf = (lines: readonly OrderLine[], order: readonly number[], from: number, to: number, task?: string) =>
  order
    .slice(from, to)
    .filter((i) => task === undefined || lines[i].task === task)
    .map((i) => lines[i].text);

/** Whether an answer's block holds the block's lines, each queue's in the order they printed. */
function blockHolds(lines: readonly OrderLine[], answer: readonly number[], [from, to]: [number, number]): boolean {
  const truth = Array.from({ length: to - from }, (_, k) => from + k);
  const sorted = (texts: string[]) => [...texts].sort().join('\u0000');
  if (sorted(textsOf(lines, answer, from, to)) !== sorted(textsOf(lines, truth, 0, to - from))) return false;
  const tasks = new Set(truth.map((i) => lines[i].task));
  for (const task of tasks) {
    if (
      textsOf(lines, answer, from, to, task).join('\u0000') !== textsOf(lines, truth, 0, to - from, task).join('\u0000')
    )
      return false;
  }
  return true;
}

/**
 * Marks an answer: `answer[place]` is the index (in printed order) of the line the learner put at
 * `place`. Returns one mark per place.
 */
export function markAnswer(lines: readonly OrderLine[], answer: readonly number[]): PlaceMark[] {
  if (!isPermutation(answer, lines.length)) throw new Error('the answer must hold every line once');
  const placesOf = new Map<string, number[]>();
  lines.forEach((line, i) => placesOf.set(line.text, [...(placesOf.get(line.text) ?? []), i]));
  const marks: PlaceMark[] = answer.map((line, place) => ({
    line,
    truePlaces: placesOf.get(lines[line].text) ?? [],
    mark: lines[line].text === lines[place].text ? 'right' : 'wrong',
  }));
  for (const block of unorderedBlocks(lines)) {
    if (!blockHolds(lines, answer, block)) continue;
    for (let place = block[0]; place < block[1]; place++)
      if (marks[place].mark === 'wrong') marks[place].mark = 'unordered';
  }
  return marks;
}

/** Whether every place of a marked answer is right. */
export function allRight(marks: readonly PlaceMark[]): boolean {
  return marks.every((m) => m.mark !== 'wrong');
}

/** mulberry32: a small seeded generator, so a shuffle can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRIES = 40;

/**
 * A shuffled order of the lines (indexes in printed order), the same for the same seed; null when
 * there is no order to guess. It is never the printed order: it prefers one that marking finds wrong
 * somewhere, and falls back to a rotation, which differs from the printed texts whenever two differ.
 */
export function shuffledOrder(lines: readonly OrderLine[], seed: number): number[] | null {
  if (!hasOrderToGuess(lines)) return null;
  const next = random(seed);
  const sameTexts = (order: number[]) => order.every((line, place) => lines[line].text === lines[place].text);
  let differing: number[] | undefined;
  for (let t = 0; t < TRIES; t++) {
    const order = lines.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (sameTexts(order)) continue;
    if (!allRight(markAnswer(lines, order))) return order;
    differing ??= order;
  }
  return differing ?? lines.map((_, i) => (i + 1) % lines.length);
}

/** `order` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(order: readonly T[], from: number, to: number): T[] {
  const result = [...order];
  if (from < 0 || from >= result.length) return result;
  const [item] = result.splice(from, 1);
  result.splice(Math.max(0, Math.min(result.length, to)), 0, item);
  return result;
}
