/**
 * The messages between the extension host and the "Predict the order" page: one union each way, used
 * by both sides, each checked by the guards below before it is acted on. The page posts `ready` once it
 * listens; the host posts nothing before.
 */
import { TASK_KINDS } from '../trace/model';
import type { PredictLine, PredictPuzzle, PuzzleState } from './puzzle';
import type { Mark } from './order';

// ---- host → page ----

/** The puzzle to show; `revision` grows with each trace, so a reloaded page can tell its own from a new one. */
export interface PuzzleMessage {
  type: 'puzzle';
  puzzle: PredictPuzzle;
  revision: number;
  /** Seeds the first shuffle. */
  seed: number;
}

/** Tests ask what the page shows; it answers with a `snapshot` read from its DOM. */
export interface PredictProbeMessage {
  type: 'probe';
  id: number;
}

/** Put the lines in this order (indexes in printed order), as drags would; then reveal if asked. Tests use it. */
export interface ArrangeMessage {
  type: 'arrange';
  order: number[];
  reveal: boolean;
}

export type ToPredictPage = PuzzleMessage | PredictProbeMessage | ArrangeMessage;

// ---- page → host ----

export interface PredictReadyMessage {
  type: 'ready';
}

/** The "Open in timeline" button. */
export interface OpenTimelineMessage {
  type: 'openTimeline';
}

/** The answer to a `probe`. */
export interface PredictSnapshotMessage {
  type: 'snapshot';
  id: number;
  state: PuzzleState | 'waiting';
  /** The lines' texts in the order the page shows them now. */
  lines: string[];
  revealed: boolean;
  /** One mark per place once revealed; empty before. */
  marks: Mark[];
  /** The result sentence after a reveal, or the page's message; '' otherwise. */
  summary: string;
}

export type FromPredictPage = PredictReadyMessage | OpenTimelineMessage | PredictSnapshotMessage;

// ---- guards ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const STATES: readonly string[] = ['ready', 'nothing-to-order', 'did-not-run'];
const MARKS: readonly string[] = ['right', 'unordered', 'wrong'];

function isLine(v: unknown): v is PredictLine {
  if (!isObj(v)) return false;
  const why = v.why;
  return (
    isStr(v.text) &&
    (v.stream === 'stdout' || v.stream === 'stderr') &&
    isInt(v.step) &&
    TASK_KINDS.includes(v.task as never) &&
    (v.job === null || isStr(v.job)) &&
    (why === null || (isObj(why) && isStr(why.rule) && isStr(why.text))) &&
    typeof v.unordered === 'boolean'
  );
}

export function isPuzzle(v: unknown): v is PredictPuzzle {
  return (
    isObj(v) &&
    isStr(v.file) &&
    STATES.includes(v.state as string) &&
    Array.isArray(v.lines) &&
    v.lines.every(isLine) &&
    (v.message === undefined || isStr(v.message)) &&
    Array.isArray(v.notes) &&
    v.notes.every(isStr)
  );
}

/**
 * The page's saved state as a window reload hands it back to the host (untrusted until checked): the
 * puzzle and its revision, from which the panel is shown again. The order is the page's own business.
 */
export function savedPuzzle(v: unknown): { puzzle: PredictPuzzle; revision: number } | undefined {
  if (!isObj(v) || !isInt(v.revision) || !isPuzzle(v.puzzle)) return undefined;
  return { puzzle: v.puzzle, revision: v.revision };
}

export function isToPredictPage(v: unknown): v is ToPredictPage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'puzzle':
      return isInt(v.revision) && isInt(v.seed) && isPuzzle(v.puzzle);
    case 'probe':
      return isInt(v.id);
    case 'arrange':
      return Array.isArray(v.order) && v.order.every(isInt) && typeof v.reveal === 'boolean';
    default:
      return false;
  }
}

export function isFromPredictPage(v: unknown): v is FromPredictPage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'openTimeline':
      return true;
    case 'snapshot':
      return (
        isInt(v.id) &&
        (v.state === 'waiting' || STATES.includes(v.state as string)) &&
        Array.isArray(v.lines) &&
        v.lines.every(isStr) &&
        typeof v.revealed === 'boolean' &&
        Array.isArray(v.marks) &&
        v.marks.every((m) => MARKS.includes(m as string)) &&
        isStr(v.summary)
      );
    default:
      return false;
  }
}
