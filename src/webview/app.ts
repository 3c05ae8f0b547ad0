/**
 * The timeline page's controller: one view state (step, zoom, selection, view), saved through the bridge
 * so it survives hide, restore and reload; loading a trace, stepping and selecting. The toolbar, input,
 * playback, the screen-reader list, the renderer and the test hooks each live in their own module.
 */
import type { Trace } from '../core/trace/model';
import type { FromWebview, ToWebview, TimelineView } from '../core/protocol';
import { layoutTrace, seqOfStep, type TimelineLayout } from '../core/timeline/layout';
import { jobAt, promiseStateAt } from '../core/timeline/queues';
import { sourceAtStep, type StepSource } from '../core/timeline/source';
import { stepNumber } from '../core/trace/steps';
import { countsText } from '../core/trace/format/summary';
import { awaitCount } from '../core/timeline/awaits';
import { buildOverview, axisLength, type Overview } from '../core/timeline/overview';
import { clamp, follow } from '../core/timeline/viewport';
import { baseName, describeJob, describePromise } from '../core/timeline/describe';
import { Renderer } from './renderer/renderer';
import { OverviewPainter } from './renderer/overview';
import { axisOf, type Scene } from './renderer/scene';
import { Details } from './details';
import { LoopView } from './loopView';
import { el } from './dom';
import { readPalette, watchTheme, type Palette } from './theme';
import { Toolbar, type ToolbarTarget } from './toolbar';
import { Playback, type PlaybackTarget } from './playback';
import { bindPointer, onKey, timelineCanvas, type InputTarget } from './input';
import { Announcer, RowList } from './accessibility';
import { handleMessage } from './messages';
import { Camera } from './camera';
import type { Bridge, ViewState } from './bridge';

const OVERVIEW_BINS = 1200;

export class App implements InputTarget, ToolbarTarget, PlaybackTarget {
  /** Told the line running at each new step (the exported page's source pane listens). */
  onStepped: ((source: StepSource | undefined, layout: TimelineLayout) => void) | undefined;
  layout: TimelineLayout | undefined;
  readonly state: ViewState = {
    file: '',
    step: 0,
    start: 0,
    scale: 1,
    axis: 'step',
    rowScroll: 0,
    promise: null,
    job: null,
    internals: false,
    speed: 10,
    view: 'timeline',
  };
  readonly renderer: Renderer;
  readonly camera: Camera;
  readonly loopView: LoopView;
  readonly toolbar: Toolbar;
  readonly rowList = new RowList();
  private readonly announcer = new Announcer();
  private readonly playback: Playback;
  private readonly overviewPainter: OverviewPainter;
  private readonly details: Details;
  private revision = 0;
  private overview: Overview | undefined;
  private palette: Palette = readPalette();
  private frame = 0;
  private saveTimer: number | undefined;
  private lastStepPosted = '';
  private readonly canvas = timelineCanvas();
  private readonly overviewCanvas = el('canvas', { class: 'overview', attrs: { 'aria-hidden': 'true' } });
  readonly empty = el('div', {
    class: 'empty-message',
    text: 'No trace yet. Run "Promise Lens: Trace promises" on a JavaScript or TypeScript file.',
  });

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: Bridge,
  ) {
    this.renderer = new Renderer(this.canvas);
    this.overviewPainter = new OverviewPainter(this.overviewCanvas);
    this.camera = new Camera(this.state, this.renderer, {
      layout: () => this.layout,
      changed: () => {
        this.requestDraw();
        this.save();
      },
      draw: () => this.draw(),
      save: () => this.save(),
      playing: () => this.playback.playing,
    });
    this.details = new Details({
      goToStep: (s) => this.setStep(s, true),
      selectJob: (j, reveal) => this.selectJob(j, reveal),
      selectPromise: (p, reveal) => this.selectPromise(p, reveal, true),
      revealHandler: (promise, reaction) =>
        this.bridge.post({ type: 'reveal', target: 'handler', id: promise, reaction }),
    });
    this.loopView = new LoopView({
      goToStep: (s) => this.setStep(s, true),
      selectJob: (j, reveal) => this.selectJob(j, reveal),
      onKey: (e) => onKey(e, this),
    });
    const saved = bridge.getState();
    if (saved) Object.assign(this.state, saved);
    if (this.state.view !== 'loop') this.state.view = 'timeline';

    this.playback = new Playback(this);
    this.toolbar = new Toolbar(this, this.playback, bridge.hosted);
    const stage = el('div', { class: 'stage' }, this.overviewCanvas, this.canvas, this.empty);
    const main = el('div', { class: 'main' }, stage, this.details.root, this.loopView.root);
    root.append(this.toolbar.root, this.toolbar.scrubRow, main, this.rowList.root, this.announcer.root);
    this.canvas.addEventListener('keydown', (e) => onKey(e, this));
    bindPointer(this.canvas, this.overviewCanvas, this);
    watchTheme(() => {
      this.palette = readPalette();
      this.requestDraw();
    });
    new ResizeObserver(() => this.requestDraw()).observe(stage);
    this.renderEmpty();
    this.showView(this.state.view, false);
  }

  // ---- trace ----

  /**
   * Shows or hides Node's internals: the steps change (hidden events take none), so the step moves to
   * the same event and the view fits the new axis.
   */
  setInternals(on: boolean): void {
    this.state.internals = on;
    if (!this.layout) return;
    const seq = seqOfStep(this.layout, this.state.step);
    this.load(this.layout.source, false);
    // `load` made a new layout: its steps are the ones to move to.
    this.setStep(this.layout.stepOfSeq(seq), false);
    this.camera.fit();
  }

  /** Lays out a trace; keeps step, zoom and selection when it is the same file (a restore or a re-run). */
  load(trace: Trace, fresh: boolean): void {
    const sameFile = trace.file === this.state.file;
    const startedAt = performance.now();
    const layout = layoutTrace(trace, { internals: this.state.internals });
    this.layout = layout;
    this.revision++;
    this.overview = buildOverview(layout, OVERVIEW_BINS, this.state.axis);
    // The bench prints these (bench/timeline.bench.mjs): where a large trace's load goes.
    const laidOutAt = performance.now();
    performance.measure('layout', { start: startedAt, end: laidOutAt });
    this.state.file = trace.file;
    const { title, status, scrubber } = this.toolbar;
    title.textContent = baseName(trace.file);
    this.empty.hidden = true;
    scrubber.max = String(Math.max(0, layout.steps - 1));
    this.renderer.resize();
    if (!sameFile || (fresh && this.state.scale <= 0)) {
      this.state.step = 0;
      this.state.rowScroll = 0;
      this.state.promise = null;
      this.state.job = null;
      this.camera.fit();
    } else {
      this.camera.set(clamp({ start: this.state.start, scale: this.state.scale }, this.camera.bounds()));
    }
    const exit = trace.exit;
    // The counts of what is shown, as the summary counts them: with internals hidden, the program's own.
    const counts = countsText({
      promises: layout.rows.length,
      awaits: awaitCount(layout),
      jobs: layout.jobsByStart.length,
      steps: layout.steps,
    });
    title.title = `${trace.file}\n${counts.replace(/ · /g, ', ')}`;
    status.textContent = `${counts} · exit ${exit.reason}${exit.code !== null ? ` ${exit.code}` : ''}`;
    this.setStep(this.state.step, false);
    this.showView(this.state.view, false);
    const drawAt = performance.now();
    performance.measure('panel', { start: laidOutAt, end: drawAt });
    this.draw();
    performance.measure('draw', { start: drawAt });
  }

  /**
   * Shows the timeline or the event-loop view over the same step. The loop view covers the timeline,
   * which keeps its size (and so its zoom) underneath; without a trace the timeline's message shows.
   */
  showView(view: TimelineView, user: boolean): void {
    this.state.view = view;
    this.toolbar.viewButtons.set(view);
    const loop = view === 'loop' && this.layout !== undefined;
    this.root.classList.toggle('loop-shown', loop);
    this.loopView.root.hidden = !loop;
    if (loop && this.layout) this.loopView.update(this.layout, this.state.step);
    if (user) (loop ? this.loopView.root : this.canvas).focus();
    this.save();
  }

  handle(message: ToWebview): void {
    handleMessage(this, this.root, message);
  }

  post(message: FromWebview): void {
    this.bridge.post(message);
  }

  // ---- view ----

  scene(): Scene | undefined {
    if (!this.layout) return undefined;
    return {
      layout: this.layout,
      axis: this.state.axis,
      view: { start: this.state.start, scale: this.state.scale },
      rowScroll: this.state.rowScroll,
      step: this.state.step,
      selectedPromise: this.selectedPromiseIndex(),
      selectedJob: this.selectedJobIndex(),
      palette: this.palette,
    };
  }

  setAxis(axis: 'step' | 'time'): void {
    if (!this.layout || axis === this.state.axis) return;
    this.state.axis = axis;
    this.overview = buildOverview(this.layout, OVERVIEW_BINS, axis);
    this.camera.fit();
  }

  // ---- stepping and selection ----

  setStep(step: number, user: boolean): void {
    if (!this.layout) return;
    const last = Math.max(0, this.layout.steps - 1);
    this.state.step = Math.max(0, Math.min(last, Math.floor(Number.isFinite(step) ? step : 0)));
    if (user) {
      const scene = this.scene();
      if (scene) this.camera.glideTo(follow(scene.view, axisOf(scene, this.state.step), this.camera.bounds()));
    }
    const { scrubber, stepLabel } = this.toolbar;
    scrubber.value = String(this.state.step);
    const running = jobAt(this.layout, this.state.step);
    const jobText = running === -1 ? 'between jobs' : describeJob(this.layout.trace.jobs[running]);
    scrubber.setAttribute('aria-valuetext', `Step ${stepNumber(this.state.step)} of ${this.layout.steps}: ${jobText}`);
    stepLabel.textContent = `${stepNumber(this.state.step)} / ${this.layout.steps}`;
    this.details.update(this.layout, this.state.step, this.selectedPromiseIndex(), this.selectedJobIndex());
    if (this.state.view === 'loop') this.loopView.update(this.layout, this.state.step);
    this.requestDraw();
    this.save();
    const jobId = running === -1 ? null : this.layout.trace.jobs[running].id;
    // A new layout (a new trace, internals ticked) renumbers the steps: the host hears of it even at the same index.
    const posted = `${this.revision}:${this.state.step}`;
    if (this.lastStepPosted !== posted) {
      this.lastStepPosted = posted;
      const source = sourceAtStep(this.layout, this.state.step);
      this.onStepped?.(source, this.layout);
      this.bridge.post({
        type: 'stepped',
        step: seqOfStep(this.layout, this.state.step),
        shown: this.state.step,
        job: jobId,
        source: source?.target ?? null,
        why: source?.why ?? null,
        internals: this.state.internals,
      });
    }
  }

  /** Moves to the start of the next (1) or previous (-1) job, or to the last or first step when none is left. */
  stepJob(direction: 1 | -1): void {
    if (!this.layout) return;
    const starts = this.layout.sortedStarts;
    const s = this.state.step;
    let target = direction > 0 ? this.layout.steps - 1 : 0;
    if (direction > 0) {
      for (let k = 0; k < starts.length; k++)
        if (starts[k] > s) {
          target = starts[k];
          break;
        }
    } else {
      for (let k = starts.length - 1; k >= 0; k--)
        if (starts[k] < s) {
          target = starts[k];
          break;
        }
    }
    this.setStep(target, true);
  }

  selectedPromiseIndex(): number {
    if (!this.layout || this.state.promise === null) return -1;
    return this.layout.promiseIndex.get(this.state.promise) ?? -1;
  }

  private selectedJobIndex(): number {
    if (!this.layout || this.state.job === null) return -1;
    return this.layout.jobIndex.get(this.state.job) ?? -1;
  }

  selectJob(index: number, reveal: boolean): void {
    if (!this.layout) return;
    const job = this.layout.trace.jobs[index];
    this.state.job = job.id;
    if (reveal) this.bridge.post({ type: 'reveal', target: 'job', id: job.id });
    this.announcer.say(`Job #${job.id} ${describeJob(job)}`);
    this.setStep(this.layout.jobStart[index], true);
  }

  selectPromise(index: number, reveal: boolean, scrollTo: boolean): void {
    if (!this.layout) return;
    // An await's promise is drawn on its async function's row: that row is the one selected.
    index = this.layout.awaitOwner.get(index) ?? index;
    const promise = this.layout.trace.promises[index];
    this.state.promise = promise.id;
    const row = this.layout.rowOf[index];
    if (scrollTo && row !== -1) {
      const visible = this.renderer.visibleRows(this.layout);
      if (row < this.state.rowScroll || row >= this.state.rowScroll + visible - 1)
        this.state.rowScroll = Math.max(0, row - Math.floor(visible / 2));
    }
    if (reveal) this.bridge.post({ type: 'reveal', target: 'promise', id: promise.id });
    const state = promiseStateAt(this.layout, index, this.state.step) ?? 'not created yet';
    this.announcer.say(`Promise ${describePromise(promise)}: ${state} at this step, ${promise.state} at the end`);
    this.details.update(this.layout, this.state.step, index, this.selectedJobIndex());
    this.requestDraw();
    this.save();
  }

  moveSelection(delta: number): void {
    if (!this.layout || this.layout.rows.length === 0) return;
    const current = this.selectedPromiseIndex();
    const row = current === -1 ? -1 : this.layout.rowOf[current];
    const next = Math.max(
      0,
      Math.min(this.layout.rows.length - 1, row === -1 ? Math.floor(this.state.rowScroll) : row + delta),
    );
    this.selectPromise(this.layout.rows[next], false, true);
  }

  clearSelection(): void {
    this.state.promise = null;
    this.state.job = null;
    this.setStep(this.state.step, false);
  }

  togglePlay(): void {
    this.playback.toggle();
  }

  // ---- drawing and saving ----

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now; returns the milliseconds it took (the bench reads this). */
  draw(): number {
    const t0 = performance.now();
    const resized = this.renderer.resize();
    const scene = this.scene();
    if (!scene || !this.layout || !this.overview) return 0;
    if (resized) {
      const v = clamp(scene.view, this.camera.bounds());
      scene.view = v;
      this.state.start = v.start;
      this.state.scale = v.scale;
    }
    this.renderer.draw(scene);
    const length = axisLength(this.layout, this.state.axis);
    this.overviewPainter.draw(this.overview, scene, length, this.renderer.contentWidth);
    this.rowList.render(scene, this.renderer.visibleRows(this.layout), this.revision);
    return performance.now() - t0;
  }

  private renderEmpty(): void {
    this.empty.hidden = false;
    this.toolbar.status.textContent = '';
  }

  save(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = undefined;
      this.bridge.setState({ ...this.state });
    }, 100);
  }

  /** True once no glide, drawing or save of the view state is waiting. */
  get idle(): boolean {
    return this.saveTimer === undefined && !this.camera.gliding && this.frame === 0;
  }
}
