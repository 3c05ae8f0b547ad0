/**
 * The timeline page: toolbar, scrubber, overview, the canvas and the details panel, wired to one view
 * state that is saved through the bridge so zoom, step and selection survive hide, restore and reload.
 */
import type { Trace } from '../core/trace/model';
import type { ExportFormat, ToWebview, SnapshotMessage, TimelineView } from '../core/protocol';
import { layoutTrace, seqOfStep, type TimelineLayout } from '../core/timeline/layout';
import { jobAt, promiseStateAt } from '../core/timeline/queues';
import { sourceAtStep, type StepSource } from '../core/timeline/source';
import { stepNumber } from '../core/trace/steps';
import { countsText } from '../core/trace/format/summary';
import { buildOverview, axisLength, type Overview } from '../core/timeline/overview';
import { clamp, fit, follow, panBy, zoomAt, type AxisBounds, type Viewport } from '../core/timeline/viewport';
import { describeJob, describePromise, formatLocation, jobTitle, promiseTitle } from '../core/timeline/describe';
import { Renderer, OverviewPainter, axisOf, stepAtAxis, GUTTER, ROW_H, promisesTop, type Scene } from './renderer';
import { Details } from './details';
import { LoopView, viewToggle } from './loopView';
import { button, clear, el } from './dom';
import { legend } from './legend';
import { prefersReducedMotion, readPalette, watchTheme, type Palette } from './theme';
import type { Bridge, ViewState } from './bridge';

const SPEEDS = [1, 2, 5, 10, 25, 100, 500];
const OVERVIEW_BINS = 1200;
const ROW_LIST_ALL = 500;

export class App {
  /** Told the line running at each new step (the exported page's source pane listens). */
  onStepped: ((source: StepSource | undefined, layout: TimelineLayout) => void) | undefined;
  private layout: TimelineLayout | undefined;
  private revision = 0;
  private overview: Overview | undefined;
  private palette: Palette = readPalette();
  private state: ViewState = {
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
  private renderer: Renderer;
  private overviewPainter: OverviewPainter;
  private rowListKey = '';
  private details: Details;
  private readonly loopView: LoopView;
  private readonly viewButtons = viewToggle((view) => this.showView(view, true));
  private frame = 0;
  private playTimer: number | undefined;
  private lastStepPosted = '';
  private readonly canvas = el('canvas', {
    class: 'timeline',
    attrs: {
      tabindex: '0',
      role: 'application',
      'aria-roledescription': 'timeline',
      'aria-label':
        'Timeline. Left and right arrows step; Shift with an arrow moves a job; Up and Down select promises; Enter shows the source; plus and minus zoom; Space plays.',
    },
  });
  private readonly overviewCanvas = el('canvas', { class: 'overview', attrs: { 'aria-hidden': 'true' } });
  private readonly scrubber = el('input', {
    attrs: { type: 'range', min: '0', max: '0', value: '0', 'aria-label': 'Step' },
  });
  private readonly stepLabel = el('span', { class: 'step-label', attrs: { 'aria-hidden': 'true' } });
  private readonly playButton: HTMLButtonElement;
  private readonly speedSelect = el('select', {
    attrs: { 'aria-label': 'Playback speed', title: 'Playback speed (steps per second)' },
  });
  private readonly axisSelect = el('select', { attrs: { 'aria-label': 'Horizontal axis', title: 'Horizontal axis' } });
  private readonly internalsBox = el('input', { attrs: { type: 'checkbox', id: 'internals' } });
  private readonly status = el('span', { class: 'status', attrs: { role: 'status' } });
  private readonly title = el('span', { class: 'title' });
  private readonly rowList = el('ol', { class: 'sr-only', attrs: { 'aria-label': 'Promises' } });
  private readonly announcer = el('div', { class: 'sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly traceAgain: HTMLButtonElement;
  private readonly exportSelect = el('select', { attrs: { 'aria-label': 'Export trace', title: 'Export the trace' } });
  private readonly empty = el('div', {
    class: 'empty-message',
    text: 'No trace yet. Run "Promise Lens: Trace promises" on a JavaScript or TypeScript file.',
  });
  private drag:
    { x: number; y: number; start: Viewport; rowScroll: number; moved: boolean; overview: boolean } | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: Bridge,
  ) {
    this.renderer = new Renderer(this.canvas);
    this.overviewPainter = new OverviewPainter(this.overviewCanvas);
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
      onKey: (e) => this.onKey(e),
    });
    const saved = bridge.getState();
    if (saved) this.state = { ...this.state, ...saved };
    if (this.state.view !== 'loop') this.state.view = 'timeline';

    this.playButton = button('▶ Play', 'Play (Space)', () => this.togglePlay());
    this.traceAgain = button('↻ Trace again', 'Run the file again and update this timeline', () =>
      this.bridge.post({ type: 'traceAgain' }),
    );
    for (const s of SPEEDS) this.speedSelect.appendChild(el('option', { text: `${s}×`, attrs: { value: String(s) } }));
    this.speedSelect.value = String(this.state.speed);
    this.speedSelect.addEventListener('change', () => {
      this.state.speed = Number(this.speedSelect.value) || 10;
      if (this.playTimer !== undefined) this.startPlay();
      this.save();
    });
    this.axisSelect.append(
      el('option', { text: 'x: steps', attrs: { value: 'step' } }),
      el('option', { text: 'x: wall-clock', attrs: { value: 'time' } }),
    );
    this.axisSelect.value = this.state.axis;
    this.axisSelect.addEventListener('change', () => this.setAxis(this.axisSelect.value === 'time' ? 'time' : 'step'));
    this.internalsBox.checked = this.state.internals;
    this.internalsBox.addEventListener('change', () => {
      this.state.internals = this.internalsBox.checked;
      this.relayout();
    });
    this.exportSelect.append(
      el('option', { text: 'Export…', attrs: { value: '' } }),
      el('option', { text: 'HTML page', attrs: { value: 'html' } }),
      el('option', { text: 'JSON trace', attrs: { value: 'json' } }),
      el('option', { text: 'Chrome trace', attrs: { value: 'chrome' } }),
    );
    this.exportSelect.addEventListener('change', () => {
      const format = this.exportSelect.value as ExportFormat | '';
      this.exportSelect.value = '';
      if (format) this.bridge.post({ type: 'export', format });
    });
    this.scrubber.addEventListener('input', () => this.setStep(Number(this.scrubber.value), true));

    const hostOnly = bridge.hosted ? [this.traceAgain, this.exportSelect] : [];
    const toolbar = el(
      'div',
      { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Timeline controls' } },
      this.title,
      this.viewButtons.root,
      ...hostOnly,
      el('span', { class: 'sep' }),
      button('|◀', 'First step (Home)', () => this.setStep(0, true)),
      button('◀◀', 'Previous job (Shift+Left)', () => this.stepJob(-1)),
      button('◀', 'Step back (Left)', () => this.setStep(this.state.step - 1, true)),
      this.playButton,
      button('▶', 'Step forward (Right)', () => this.setStep(this.state.step + 1, true)),
      button('▶▶', 'Next job (Shift+Right)', () => this.stepJob(1)),
      button('▶|', 'Last step (End)', () => this.setStep(Number.MAX_SAFE_INTEGER, true)),
      this.speedSelect,
      el(
        'span',
        { class: 'timeline-only' },
        el('span', { class: 'sep' }),
        button('−', 'Zoom out (-)', () => this.zoom(1 / 1.5)),
        button('+', 'Zoom in (+)', () => this.zoom(1.5)),
        button('Fit', 'Show the whole run (0)', () => this.fitView()),
        this.axisSelect,
      ),
      el(
        'label',
        { class: 'check', attrs: { for: 'internals', title: 'Show promises Node creates for itself' } },
        this.internalsBox,
        el('span', { text: 'Node internals' }),
      ),
      legend(),
      this.status,
    );
    const scrub = el('div', { class: 'scrub' }, this.scrubber, this.stepLabel);
    const stage = el('div', { class: 'stage' }, this.overviewCanvas, this.canvas, this.empty);
    const main = el('div', { class: 'main' }, stage, this.details.root, this.loopView.root);
    root.append(toolbar, scrub, main, this.rowList, this.announcer);
    this.bindInput();
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
  private relayout(): void {
    if (!this.layout) return;
    const seq = seqOfStep(this.layout, this.state.step);
    this.load(this.layout.source, false);
    // `load` made a new layout: its steps are the ones to move to.
    this.setStep(this.layout.stepOfSeq(seq), false);
    this.fitView();
  }

  /** Lays out a trace; keeps step, zoom and selection when it is the same file (a restore or a re-run). */
  load(trace: Trace, fresh: boolean): void {
    const sameFile = trace.file === this.state.file;
    this.layout = layoutTrace(trace, { internals: this.state.internals });
    this.revision++;
    this.overview = buildOverview(this.layout, OVERVIEW_BINS, this.state.axis);
    this.state.file = trace.file;
    this.title.textContent = baseNameOf(trace.file);
    this.empty.hidden = true;
    this.scrubber.max = String(Math.max(0, this.layout.steps - 1));
    this.renderer.resize();
    if (!sameFile || (fresh && this.state.scale <= 0)) {
      this.state.step = 0;
      this.state.rowScroll = 0;
      this.state.promise = null;
      this.state.job = null;
      this.setView(fit(this.bounds()));
    } else {
      this.setView(clamp({ start: this.state.start, scale: this.state.scale }, this.bounds()));
    }
    const exit = trace.exit;
    // The counts of what is shown, as the summary counts them: with internals hidden, the program's own.
    const counts = countsText({
      promises: this.layout.rows.length,
      jobs: this.layout.jobsByStart.length,
      steps: this.layout.steps,
    });
    this.title.title = `${trace.file}\n${counts.replace(/ · /g, ', ')}`;
    this.status.textContent = `${counts} · exit ${exit.reason}${exit.code !== null ? ` ${exit.code}` : ''}`;
    this.setStep(this.state.step, false);
    this.showView(this.state.view, false);
    this.draw();
  }

  /**
   * Shows the timeline or the event-loop view over the same step. The loop view covers the timeline,
   * which keeps its size (and so its zoom) underneath; without a trace the timeline's message shows.
   */
  private showView(view: TimelineView, user: boolean): void {
    this.state.view = view;
    this.viewButtons.set(view);
    const loop = view === 'loop' && this.layout !== undefined;
    this.root.classList.toggle('loop-shown', loop);
    this.loopView.root.hidden = !loop;
    if (loop && this.layout) this.loopView.update(this.layout, this.state.step);
    if (user) (loop ? this.loopView.root : this.canvas).focus();
    this.save();
  }

  handle(message: ToWebview): void {
    switch (message.type) {
      case 'trace':
        this.load(message.trace, true);
        break;
      case 'select':
        if (!this.layout) break;
        if (message.job !== undefined) {
          const j = this.layout.jobIndex.get(message.job);
          if (j !== undefined) this.selectJob(j, false);
        }
        if (message.promise !== undefined) {
          const p = this.layout.promiseIndex.get(message.promise);
          if (p !== undefined) {
            if (this.layout.rowOf[p] === -1 && !this.state.internals) {
              this.state.internals = true;
              this.internalsBox.checked = true;
              this.relayout();
            }
            this.selectPromise(p, false, true);
            // The promise's step: where it settled (the step the hover names), else where it was made.
            const end = this.layout.promiseEnd[p];
            this.setStep(end !== -1 ? end : this.layout.promiseStart[p], true);
          }
        }
        break;
      case 'status':
        this.traceAgain.disabled = message.running;
        this.traceAgain.textContent = message.running ? '… Tracing' : '↻ Trace again';
        if (message.message) this.status.textContent = message.message;
        // With no trace to show (a reload that could not keep it), the message says why in place of "No trace yet".
        if (message.message && !this.layout) this.empty.textContent = message.message;
        break;
      case 'step':
        // The host counts steps over the whole trace; this page may show fewer.
        if (this.layout) this.setStep(this.layout.stepOfSeq(message.step), true);
        break;
      case 'probe':
        this.bridge.post(this.snapshot(message.id));
        break;
      case 'view':
        this.showView(message.view, false);
        break;
    }
  }

  /** What the page shows, read back from its own DOM and canvas labels. */
  snapshot(id: number): SnapshotMessage {
    const text = (sel: string) => this.root.querySelector(sel)?.textContent?.trim() ?? '';
    return {
      type: 'snapshot',
      id,
      lanes: this.layout ? this.layout.lanes.map((l) => l.label) : [],
      step: this.state.step,
      steps: this.layout?.steps ?? 0,
      stepText: this.stepLabel.textContent ?? '',
      currentJob: text('.current-job'),
      selected: text('.details .promise'),
      console: Array.from(this.root.querySelectorAll('.console-lines li .text')).map((n) => n.textContent ?? ''),
      promises: Array.from(this.rowList.children).map((n) => n.textContent ?? ''),
      view: this.state.view,
      loop: this.loopView.read(),
    };
  }

  // ---- view ----

  private bounds(): AxisBounds {
    const length = this.layout ? axisLength(this.layout, this.state.axis) : 1;
    const minScale = this.state.axis === 'step' ? 1 / 80 : Math.max(1e-3, length / 1e7);
    return { length, width: this.renderer.contentWidth, minScale };
  }

  private scene(): Scene | undefined {
    if (!this.layout) return undefined;
    return {
      layout: this.layout,
      axis: this.state.axis,
      view: { start: this.state.start, scale: this.state.scale },
      rowScroll: this.state.rowScroll,
      step: this.state.step,
      selectedPromise: this.state.promise === null ? -1 : (this.layout.promiseIndex.get(this.state.promise) ?? -1),
      selectedJob: this.state.job === null ? -1 : (this.layout.jobIndex.get(this.state.job) ?? -1),
      palette: this.palette,
    };
  }

  private setView(view: Viewport): void {
    this.state.start = view.start;
    this.state.scale = view.scale;
    this.requestDraw();
    this.save();
  }

  private setAxis(axis: 'step' | 'time'): void {
    if (!this.layout || axis === this.state.axis) return;
    this.state.axis = axis;
    this.overview = buildOverview(this.layout, OVERVIEW_BINS, axis);
    this.setView(fit(this.bounds()));
  }

  zoom(factor: number, x = this.renderer.contentWidth / 2): void {
    const scene = this.scene();
    if (!scene) return;
    this.setView(zoomAt(scene.view, x, factor, this.bounds()));
  }

  private fitView(): void {
    this.setView(fit(this.bounds()));
  }

  private scrollRows(delta: number): void {
    if (!this.layout) return;
    const max = Math.max(0, this.layout.rows.length - this.renderer.visibleRows(this.layout));
    this.state.rowScroll = Math.max(0, Math.min(max, this.state.rowScroll + delta));
    this.requestDraw();
    this.save();
  }

  // ---- stepping and selection ----

  setStep(step: number, user: boolean): void {
    if (!this.layout) return;
    const last = Math.max(0, this.layout.steps - 1);
    this.state.step = Math.max(0, Math.min(last, Math.floor(Number.isFinite(step) ? step : 0)));
    if (user) {
      const scene = this.scene();
      if (scene) this.animateTo(follow(scene.view, axisOf(scene, this.state.step), this.bounds()));
    }
    this.scrubber.value = String(this.state.step);
    const running = jobAt(this.layout, this.state.step);
    const jobText = running === -1 ? 'between jobs' : describeJob(this.layout.trace.jobs[running]);
    this.scrubber.setAttribute(
      'aria-valuetext',
      `Step ${stepNumber(this.state.step)} of ${this.layout.steps}: ${jobText}`,
    );
    this.stepLabel.textContent = `${stepNumber(this.state.step)} / ${this.layout.steps}`;
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

  private stepJob(direction: 1 | -1): void {
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

  private selectedPromiseIndex(): number {
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
    this.announce(`Job #${job.id} ${describeJob(job)}`);
    this.setStep(this.layout.jobStart[index], true);
  }

  selectPromise(index: number, reveal: boolean, scrollTo: boolean): void {
    if (!this.layout) return;
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
    this.announce(`Promise ${describePromise(promise)}: ${state} at this step, ${promise.state} at the end`);
    this.details.update(this.layout, this.state.step, index, this.selectedJobIndex());
    this.requestDraw();
    this.save();
  }

  private moveSelection(delta: number): void {
    if (!this.layout || this.layout.rows.length === 0) return;
    const current = this.selectedPromiseIndex();
    const row = current === -1 ? -1 : this.layout.rowOf[current];
    const next = Math.max(
      0,
      Math.min(this.layout.rows.length - 1, row === -1 ? Math.floor(this.state.rowScroll) : row + delta),
    );
    this.selectPromise(this.layout.rows[next], false, true);
  }

  private togglePlay(): void {
    if (this.playTimer !== undefined) this.stopPlay();
    else this.startPlay();
  }

  private startPlay(): void {
    this.stopPlay();
    if (!this.layout) return;
    if (this.state.step >= this.layout.steps - 1) this.setStep(0, true);
    // Fast speeds advance several steps per tick rather than ticking faster than frames can show.
    const perSecond = this.state.speed;
    const interval = Math.max(1000 / 30, 1000 / perSecond);
    const stride = Math.max(1, Math.round((perSecond * interval) / 1000));
    this.playTimer = window.setInterval(() => {
      if (!this.layout || this.state.step >= this.layout.steps - 1) return this.stopPlay();
      this.setStep(this.state.step + stride, true);
    }, interval);
    this.playButton.textContent = '❚❚ Pause';
    this.playButton.setAttribute('aria-label', 'Pause (Space)');
    this.playButton.setAttribute('aria-pressed', 'true');
  }

  private stopPlay(): void {
    if (this.playTimer !== undefined) window.clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.playButton.textContent = '▶ Play';
    this.playButton.setAttribute('aria-label', 'Play (Space)');
    this.playButton.setAttribute('aria-pressed', 'false');
  }

  // ---- input ----

  private bindInput(): void {
    const c = this.canvas;
    c.addEventListener('keydown', (e) => this.onKey(e));
    c.addEventListener(
      'wheel',
      (e) => {
        if (!this.layout) return;
        e.preventDefault();
        const rect = c.getBoundingClientRect();
        const x = e.clientX - rect.left - GUTTER;
        const y = e.clientY - rect.top;
        const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? rect.height : 1;
        const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
        const dy = e.shiftKey ? 0 : e.deltaY * unit;
        if (dx !== 0) this.setView(panBy({ start: this.state.start, scale: this.state.scale }, -dx, this.bounds()));
        if (dy === 0) return;
        // Over the promise rows the wheel scrolls them; over the lanes (or with Ctrl) it zooms.
        if (y >= promisesTop(this.layout) && !e.ctrlKey && !e.metaKey) this.scrollRows(dy / ROW_H);
        else this.zoom(Math.pow(1.0015, -dy), Math.max(0, x));
      },
      { passive: false },
    );
    c.addEventListener('pointerdown', (e) => this.startDrag(e, false));
    c.addEventListener('pointermove', (e) => {
      if (!this.drag) c.title = this.titleAt(e);
    });
    this.overviewCanvas.addEventListener('pointerdown', (e) => this.startDrag(e, true));
    const move = (e: PointerEvent) => {
      const d = this.drag;
      if (!d) return;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
      if (d.overview) return this.centerOnOverview(e);
      if (!d.moved) return;
      this.state.rowScroll = d.rowScroll;
      this.setView(panBy(d.start, dx, this.bounds()));
      this.scrollRows(-dy / ROW_H);
    };
    const up = (e: PointerEvent) => {
      const d = this.drag;
      this.drag = undefined;
      if (!d || d.overview || d.moved) return;
      this.click(e);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  private startDrag(e: PointerEvent, overview: boolean): void {
    if (!this.layout || e.button !== 0) return;
    this.drag = {
      x: e.clientX,
      y: e.clientY,
      start: { start: this.state.start, scale: this.state.scale },
      rowScroll: this.state.rowScroll,
      moved: false,
      overview,
    };
    if (overview) this.centerOnOverview(e);
    else this.canvas.focus();
  }

  private centerOnOverview(e: PointerEvent): void {
    if (!this.layout) return;
    const rect = this.overviewCanvas.getBoundingClientRect();
    const width = Math.max(1, rect.width - GUTTER - 10);
    const value = ((e.clientX - rect.left - GUTTER) / width) * axisLength(this.layout, this.state.axis);
    const half = (this.renderer.contentWidth * this.state.scale) / 2;
    this.setView(clamp({ start: value - half, scale: this.state.scale }, this.bounds()));
  }

  /** The full text of the job or promise under the pointer (labels on the canvas are cut to fit). */
  private titleAt(e: PointerEvent): string {
    const scene = this.scene();
    if (!scene || !this.layout) return '';
    const rect = this.canvas.getBoundingClientRect();
    const hit = this.renderer.hitTest(scene, e.clientX - rect.left, e.clientY - rect.top);
    const { trace } = this.layout;
    if (hit?.kind === 'job') return jobTitle(trace.jobs[hit.index]);
    if (hit?.kind === 'promise') return promiseTitle(trace.promises[hit.index]);
    return '';
  }

  private click(e: PointerEvent): void {
    const scene = this.scene();
    if (!scene) return;
    const rect = this.canvas.getBoundingClientRect();
    const hit = this.renderer.hitTest(scene, e.clientX - rect.left, e.clientY - rect.top);
    if (!hit) return;
    if (hit.kind === 'job') this.selectJob(hit.index, true);
    else if (hit.kind === 'promise') this.selectPromise(hit.index, true, false);
    else this.setStep(hit.step, true);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.layout) return;
    const handled = () => e.preventDefault();
    const pan = this.renderer.contentWidth / 4;
    switch (e.key) {
      case 'ArrowRight':
        if (e.altKey) this.setView(panBy(this.view(), -pan, this.bounds()));
        else if (e.shiftKey) this.stepJob(1);
        else this.setStep(this.state.step + 1, true);
        return handled();
      case 'ArrowLeft':
        if (e.altKey) this.setView(panBy(this.view(), pan, this.bounds()));
        else if (e.shiftKey) this.stepJob(-1);
        else this.setStep(this.state.step - 1, true);
        return handled();
      case 'ArrowDown':
        this.moveSelection(1);
        return handled();
      case 'ArrowUp':
        this.moveSelection(-1);
        return handled();
      case 'Home':
        this.setStep(0, true);
        return handled();
      case 'End':
        this.setStep(this.layout.steps - 1, true);
        return handled();
      case 'PageDown':
        this.scrollRows(this.renderer.visibleRows(this.layout) - 1);
        return handled();
      case 'PageUp':
        this.scrollRows(-(this.renderer.visibleRows(this.layout) - 1));
        return handled();
      case '+':
      case '=':
        this.zoom(1.5, this.cursorX());
        return handled();
      case '-':
      case '_':
        this.zoom(1 / 1.5, this.cursorX());
        return handled();
      case '0':
        this.fitView();
        return handled();
      case ' ':
        this.togglePlay();
        return handled();
      case 'Enter': {
        const p = this.selectedPromiseIndex();
        if (p !== -1) this.bridge.post({ type: 'reveal', target: 'promise', id: this.layout.trace.promises[p].id });
        else {
          const j = jobAt(this.layout, this.state.step);
          if (j !== -1) this.bridge.post({ type: 'reveal', target: 'job', id: this.layout.trace.jobs[j].id });
        }
        return handled();
      }
      case 'Escape':
        this.state.promise = null;
        this.state.job = null;
        this.setStep(this.state.step, false);
        return handled();
    }
  }

  /** Scrolls to `target`: a short glide, or a jump when the user prefers reduced motion or it plays. */
  private animateTo(target: Viewport): void {
    const from = this.view();
    if (this.animation) cancelAnimationFrame(this.animation);
    this.animation = 0;
    if (from.start === target.start && from.scale === target.scale) return;
    if (prefersReducedMotion() || this.playTimer !== undefined) {
      this.state.start = target.start;
      this.state.scale = target.scale;
      return;
    }
    const t0 = performance.now();
    const tick = (now: number) => {
      const k = Math.min(1, (now - t0) / 160);
      const eased = 1 - Math.pow(1 - k, 3);
      this.state.start = from.start + (target.start - from.start) * eased;
      this.state.scale = from.scale + (target.scale - from.scale) * eased;
      this.draw();
      this.animation = k < 1 ? requestAnimationFrame(tick) : 0;
      if (k >= 1) this.save();
    };
    this.animation = requestAnimationFrame(tick);
  }

  private animation = 0;

  private view(): Viewport {
    return { start: this.state.start, scale: this.state.scale };
  }

  private cursorX(): number {
    const scene = this.scene();
    if (!scene) return 0;
    const x = (axisOf(scene, this.state.step) - this.state.start) / this.state.scale;
    return x >= 0 && x <= this.renderer.contentWidth ? x : this.renderer.contentWidth / 2;
  }

  // ---- drawing ----

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
      const v = clamp(scene.view, this.bounds());
      scene.view = v;
      this.state.start = v.start;
      this.state.scale = v.scale;
    }
    this.renderer.draw(scene);
    this.overviewPainter.draw(
      this.overview,
      scene,
      axisLength(this.layout, this.state.axis),
      this.renderer.contentWidth,
    );
    this.renderRowList(scene);
    return performance.now() - t0;
  }

  /** The rows in view as text, for screen readers (the canvas itself is one opaque image to them). */
  private renderRowList(scene: Scene): void {
    const layout = scene.layout;
    // Every row when there are few (a screen reader can then walk them all); the rows in view otherwise.
    const all = layout.rows.length <= ROW_LIST_ALL;
    const first = all ? 0 : Math.max(0, Math.floor(scene.rowScroll));
    const end = all ? layout.rows.length : Math.min(layout.rows.length, first + this.renderer.visibleRows(layout) + 1);
    // Panning and zooming change nothing here; only rebuild when the rows, the step or the trace did.
    const key = `${first}|${end}|${scene.step}|${layout.rows.length}|${this.revision}`;
    if (key === this.rowListKey) return;
    this.rowListKey = key;
    clear(this.rowList);
    for (let r = first; r < end; r++) {
      const i = layout.rows[r];
      const p = layout.trace.promises[i];
      const now = promiseStateAt(layout, i, scene.step) ?? 'not created yet';
      const where = p.location ? ` at ${formatLocation(p.location)}` : '';
      this.rowList.appendChild(
        el('li', {
          text: `promise #${p.id} ${p.kind}${where}: ${now} at this step, ${p.state} at the end${p.unhandled ? ', unhandled rejection' : ''}`,
        }),
      );
    }
  }

  private renderEmpty(): void {
    this.empty.hidden = false;
    this.status.textContent = '';
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }

  private saveTimer: number | undefined;
  private save(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = undefined;
      this.bridge.setState({ ...this.state });
    }, 100);
  }

  /** The view state as it is saved for a restore: step, zoom, selection. */
  get viewState(): Readonly<ViewState> {
    return { ...this.state };
  }

  /** True once no glide, drawing or save of the view state is waiting (the UI tests wait for it). */
  get settled(): boolean {
    return this.saveTimer === undefined && this.animation === 0 && this.frame === 0;
  }

  /** Time a frame of zooming and panning, for the bench: returns draw times in ms. */
  benchFrames(frames: number): number[] {
    const times: number[] = [];
    for (let i = 0; i < frames; i++) {
      if (i % 2 === 0)
        this.state.scale = zoomAt(
          this.view(),
          this.renderer.contentWidth / 2,
          i % 4 === 0 ? 1.2 : 1 / 1.1,
          this.bounds(),
        ).scale;
      else this.state.start = panBy(this.view(), 37, this.bounds()).start;
      times.push(this.draw());
    }
    return times;
  }

  stepAt(x: number): number {
    const scene = this.scene();
    return scene ? stepAtAxis(scene, this.state.start + x * this.state.scale) : 0;
  }
}

function baseNameOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
