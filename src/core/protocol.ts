/**
 * The messages between the extension host and the timeline webview: one discriminated union each way,
 * used by both sides. The webview posts `ready` once its script has run; the host posts nothing before.
 * Both sides check every incoming message with the guards below and ignore what does not match.
 */
import type { SourceTarget, StepSource } from './timeline/source';
import type { Trace } from './trace/model';
import { isNative } from './trace/format/native';

export type ExportFormat = 'html' | 'json' | 'chrome';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'json', 'chrome'];

// ---- host → webview ----

/**
 * A trace to draw; replaces the one shown, keeping zoom where the file is the same. It travels as the
 * native format's bytes (`core/trace/format/native.ts`): VS Code carries a `Uint8Array` to a webview as
 * its buffer, without turning it into JSON, and the page decodes it with `decodeNativeLazy` (the same
 * trace, each row made when first read; `core/trace/format/nativeLazy.ts`) and checks the shape. The bytes own their buffer exactly (VS Code sends a typed array's whole buffer).
 */
export interface ShowTraceMessage {
  type: 'trace';
  native: Uint8Array;
  /** Increases with every trace the host sends, so the page can tell a new run from a restore. */
  revision: number;
}

/** Select a promise and/or a job (the editor's "show in timeline"). */
export interface SelectMessage {
  type: 'select';
  promise?: number;
  job?: number;
}

/** Whether a new trace is running, so the "Trace again" button can say so. */
export interface StatusMessage {
  type: 'status';
  running: boolean;
  /** A sentence for people, shown in the toolbar. */
  message?: string;
}

/** Tests ask the page what it shows; it answers with a `snapshot` read from its DOM. */
export interface ProbeMessage {
  type: 'probe';
  id: number;
}

/**
 * Step the page as a user would (tests, and keyboard commands the host may add). `step` counts the
 * events of the whole trace (it is their `seq`); the page goes to the step showing that event.
 */
export interface StepMessage {
  type: 'step';
  step: number;
}

/** The page's two views of the same steps: the timeline's lanes, or the event loop's boxes. */
export type TimelineView = 'timeline' | 'loop';
export const TIMELINE_VIEWS: readonly TimelineView[] = ['timeline', 'loop'];

/** Show one of the views, as the toolbar's toggle does (tests, and commands the host may add). */
export interface ViewMessage {
  type: 'view';
  view: TimelineView;
}

export type ToWebview = ShowTraceMessage | SelectMessage | StatusMessage | ProbeMessage | StepMessage | ViewMessage;

// ---- webview → host ----

/** The page's script runs and listens: the host may post now. */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * The user moved to a step (or ticked "Node internals", which renumbers the steps); the host
 * highlights the line running at that step. The page says what the line belongs to, by id (from
 * `sourceAtStep`); the host looks the place up in its own copy of the trace.
 */
export interface SteppedMessage {
  type: 'stepped';
  /** The event shown at that step, counted over the whole trace (its `seq`). */
  step: number;
  /** The step as the page numbers it (from 0; with internals hidden it counts fewer events). */
  shown: number;
  /** Id of the job running at that step; null between jobs. */
  job: number | null;
  /** What holds the line running at that step; null when no line runs (between jobs, a skipped reaction). */
  source: SourceTarget | null;
  /** How that line was found (`StepSource.why`); null with no source. */
  why: StepSource['why'] | null;
  /** Whether the page counts Node's internal events as steps. */
  internals: boolean;
}

/**
 * The user asked to see where a job, a promise or a reaction's handler comes from. Ids, never paths:
 * the host looks them up. For `handler`, `id` is the promise holding the reaction and `reaction` its
 * index in that promise's `reactions`.
 */
export interface RevealMessage {
  type: 'reveal';
  target: 'job' | 'promise' | 'handler';
  id: number;
  reaction?: number;
}

/** The "Trace again" button. */
export interface TraceAgainMessage {
  type: 'traceAgain';
}

/** The export button. */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
}

/** The event-loop view as the page shows it, read from its DOM (also while the timeline is shown). */
export interface LoopSnapshot {
  /** The call stack, outermost first: each job as its box reads (`#7 then handler (app.js:9)`). */
  stack: string[];
  /** Each queue box: its name and what waits in it, first to run first. */
  queues: { label: string; items: string[] }[];
  /** Console lines listed in the view. */
  console: string[];
  /** The "why now" sentence shown, or ''. */
  why: string;
}

/** The answer to a `probe`: what the page shows, read from its DOM. */
export interface SnapshotMessage {
  type: 'snapshot';
  id: number;
  /** Lane names as labelled on the page. */
  lanes: string[];
  step: number;
  steps: number;
  /** The step as the toolbar shows it to people: `12 / 40`. */
  stepText: string;
  /** The current job as the page words it, or '' between jobs. */
  currentJob: string;
  /** The selected promise's details as shown, or ''. */
  selected: string;
  /** Console lines shown. */
  console: string[];
  /** The accessible summary of every promise row, e.g. `promise #3 then: fulfilled`. */
  promises: string[];
  /** The view shown. */
  view: TimelineView;
  loop: LoopSnapshot;
}

export type FromWebview =
  ReadyMessage | SteppedMessage | RevealMessage | TraceAgainMessage | ExportMessage | SnapshotMessage;

// ---- guards ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** A structural check of a trace: the top-level shape a reader relies on. */
export function isTraceShape(v: unknown): v is Trace {
  return (
    isObj(v) &&
    v.version === 1 &&
    typeof v.file === 'string' &&
    Array.isArray(v.promises) &&
    Array.isArray(v.jobs) &&
    Array.isArray(v.events) &&
    isObj(v.exit) &&
    typeof v.truncated === 'boolean'
  );
}

const STEP_WHYS: readonly StepSource['why'][] = ['creates', 'prints', 'running', 'callback', 'registered'];

function isSourceTarget(v: unknown): v is SourceTarget {
  if (!isObj(v)) return false;
  if (v.kind === 'console') return isInt(v.seq);
  return (v.kind === 'promise' || v.kind === 'job') && isInt(v.id);
}

function isLoopSnapshot(v: unknown): v is LoopSnapshot {
  return (
    isObj(v) &&
    isStrArray(v.stack) &&
    isStrArray(v.console) &&
    typeof v.why === 'string' &&
    Array.isArray(v.queues) &&
    v.queues.every((q) => isObj(q) && typeof q.label === 'string' && isStrArray(q.items))
  );
}

export function isToWebview(v: unknown): v is ToWebview {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'trace':
      return isInt(v.revision) && v.native instanceof Uint8Array && isNative(v.native);
    case 'select':
      return (v.promise === undefined || isInt(v.promise)) && (v.job === undefined || isInt(v.job));
    case 'status':
      return typeof v.running === 'boolean' && (v.message === undefined || typeof v.message === 'string');
    case 'probe':
      return isInt(v.id);
    case 'step':
      return isInt(v.step);
    case 'view':
      return TIMELINE_VIEWS.includes(v.view as TimelineView);
    default:
      return false;
  }
}

export function isFromWebview(v: unknown): v is FromWebview {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'traceAgain':
      return true;
    case 'stepped':
      return (
        isInt(v.step) &&
        isInt(v.shown) &&
        (v.job === null || isInt(v.job)) &&
        typeof v.internals === 'boolean' &&
        ((v.source === null && v.why === null) ||
          (isSourceTarget(v.source) && STEP_WHYS.includes(v.why as StepSource['why'])))
      );
    case 'reveal':
      if (v.target === 'handler') return isInt(v.id) && isInt(v.reaction);
      return (v.target === 'job' || v.target === 'promise') && isInt(v.id);
    case 'export':
      return EXPORT_FORMATS.includes(v.format as ExportFormat);
    case 'snapshot':
      return (
        isInt(v.id) &&
        isInt(v.step) &&
        isInt(v.steps) &&
        typeof v.stepText === 'string' &&
        isStrArray(v.lanes) &&
        typeof v.currentJob === 'string' &&
        typeof v.selected === 'string' &&
        isStrArray(v.console) &&
        isStrArray(v.promises) &&
        TIMELINE_VIEWS.includes(v.view as TimelineView) &&
        isLoopSnapshot(v.loop)
      );
    default:
      return false;
  }
}
