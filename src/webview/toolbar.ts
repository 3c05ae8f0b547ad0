/**
 * The controls above the timeline: the toolbar (the file, the view toggle, in VS Code "Trace again"
 * and "Export…", zoom, the axis, Node internals, the legend) and the scrub row (the step buttons and
 * speed, the scrubber, the step and the counts).
 */
import type { ExportFormat, FromWebview, TimelineView } from '../core/protocol';
import { button, el } from './dom';
import { legend } from './legend';
import { viewToggle } from './loopView';
import type { Playback } from './playback';
import type { ViewState } from './bridge';
import type { Camera } from './camera';

/** What the controls act on: the page's controller. */
export interface ToolbarTarget {
  readonly state: ViewState;
  readonly camera: Pick<Camera, 'zoom' | 'fit'>;
  showView(view: TimelineView, user: boolean): void;
  post(message: FromWebview): void;
  setStep(step: number, user: boolean): void;
  stepJob(direction: 1 | -1): void;
  setAxis(axis: 'step' | 'time'): void;
  setInternals(on: boolean): void;
}

export class Toolbar {
  readonly root: HTMLElement;
  readonly scrubRow: HTMLElement;
  readonly title = el('span', { class: 'title' });
  readonly status = el('span', { class: 'status', attrs: { role: 'status' } });
  readonly scrubber = el('input', {
    attrs: { type: 'range', min: '0', max: '0', value: '0', 'aria-label': 'Step' },
  });
  readonly stepLabel = el('span', { class: 'step-label', attrs: { 'aria-hidden': 'true' } });
  readonly viewButtons: ReturnType<typeof viewToggle>;
  private readonly internalsBox = el('input', { attrs: { type: 'checkbox', id: 'internals' } });
  private readonly traceAgain: HTMLButtonElement;

  /** `hosted`: in VS Code, where there is a host to trace again and export. */
  constructor(t: ToolbarTarget, playback: Playback, hosted: boolean) {
    this.viewButtons = viewToggle((view) => t.showView(view, true));
    this.traceAgain = button('↻ Trace again', 'Run the file again and update this timeline', () =>
      t.post({ type: 'traceAgain' }),
    );
    const axisSelect = el('select', { attrs: { 'aria-label': 'Horizontal axis', title: 'Horizontal axis' } });
    axisSelect.append(
      el('option', { text: 'x: steps', attrs: { value: 'step' } }),
      el('option', { text: 'x: time', attrs: { value: 'time' } }),
    );
    axisSelect.value = t.state.axis;
    axisSelect.addEventListener('change', () => t.setAxis(axisSelect.value === 'time' ? 'time' : 'step'));
    this.internalsBox.checked = t.state.internals;
    this.internalsBox.addEventListener('change', () => t.setInternals(this.internalsBox.checked));
    const exportSelect = el('select', { attrs: { 'aria-label': 'Export trace', title: 'Export the trace' } });
    exportSelect.append(
      el('option', { text: 'Export…', attrs: { value: '' } }),
      el('option', { text: 'HTML page', attrs: { value: 'html' } }),
      el('option', { text: 'JSON trace', attrs: { value: 'json' } }),
      el('option', { text: 'Chrome trace', attrs: { value: 'chrome' } }),
    );
    exportSelect.addEventListener('change', () => {
      const format = exportSelect.value as ExportFormat | '';
      exportSelect.value = '';
      if (format) t.post({ type: 'export', format });
    });
    this.scrubber.addEventListener('input', () => t.setStep(Number(this.scrubber.value), true));

    const hostOnly = hosted ? [this.traceAgain, exportSelect] : [];
    this.root = el(
      'div',
      { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Timeline controls' } },
      this.title,
      this.viewButtons.root,
      ...hostOnly,
      el(
        'span',
        { class: 'timeline-only' },
        el('span', { class: 'sep' }),
        button('−', 'Zoom out (-)', () => t.camera.zoom(1 / 1.5)),
        button('+', 'Zoom in (+)', () => t.camera.zoom(1.5)),
        button('Fit', 'Show the whole run (0)', () => t.camera.fit()),
        axisSelect,
      ),
      el(
        'label',
        { class: 'check', attrs: { for: 'internals', title: 'Show promises Node creates for itself' } },
        this.internalsBox,
        el('span', { text: 'Node internals' }),
      ),
      legend(),
    );
    // The step controls sit by the scrubber they move, and the counts by the step label, so that the
    // toolbar fits one row in a 900 px panel.
    const stepping = el(
      'span',
      { class: 'stepping', attrs: { role: 'group', 'aria-label': 'Stepping' } },
      button('|◀', 'First step (Home)', () => t.setStep(0, true)),
      button('◀◀', 'Previous job (Shift+Left)', () => t.stepJob(-1)),
      button('◀', 'Step back (Left)', () => t.setStep(t.state.step - 1, true)),
      playback.button,
      button('▶', 'Step forward (Right)', () => t.setStep(t.state.step + 1, true)),
      button('▶▶', 'Next job (Shift+Right)', () => t.stepJob(1)),
      button('▶|', 'Last step (End)', () => t.setStep(Number.MAX_SAFE_INTEGER, true)),
      playback.speedSelect,
    );
    this.scrubRow = el('div', { class: 'scrub' }, stepping, this.scrubber, this.stepLabel, this.status);
  }

  /** Ticks "Node internals" without the change event (the page turned them on to show a promise). */
  showInternals(): void {
    this.internalsBox.checked = true;
  }

  /** "Trace again" is disabled while the host traces. */
  setRunning(running: boolean): void {
    this.traceAgain.disabled = running;
    this.traceAgain.textContent = running ? '… Tracing' : '↻ Trace again';
  }
}
