/**
 * Pointer, wheel and keyboard on the timeline: dragging pans (on the overview it scrolls to the place),
 * a click selects, the wheel scrolls promise rows or zooms, and the keys step, select, zoom and play.
 */
import type { FromWebview } from '../core/protocol';
import type { TimelineLayout } from '../core/timeline/layout';
import { axisLength } from '../core/timeline/overview';
import { jobAt } from '../core/timeline/queues';
import { clamp, panBy, type Viewport } from '../core/timeline/viewport';
import { jobTitle, promiseTitle } from '../core/timeline/describe';
import { awaitSpan, awaitText } from '../core/timeline/awaits';
import { stepNumber } from '../core/trace/steps';
import type { ViewState } from './bridge';
import type { Camera } from './camera';
import { el } from './dom';
import type { Renderer } from './renderer/renderer';
import { GUTTER, ROW_H, promisesTop, type Scene } from './renderer/scene';

/** What input acts on: the page's controller. */
export interface InputTarget {
  readonly layout: TimelineLayout | undefined;
  readonly state: ViewState;
  readonly renderer: Renderer;
  readonly camera: Camera;
  scene(): Scene | undefined;
  setStep(step: number, user: boolean): void;
  stepJob(direction: 1 | -1): void;
  selectJob(index: number, reveal: boolean): void;
  selectPromise(index: number, reveal: boolean, scrollTo: boolean): void;
  moveSelection(delta: number): void;
  selectedPromiseIndex(): number;
  clearSelection(): void;
  togglePlay(): void;
  post(message: FromWebview): void;
}

/** The timeline's canvas, focusable, its label saying which keys work. */
export function timelineCanvas(): HTMLCanvasElement {
  return el('canvas', {
    class: 'timeline',
    attrs: {
      tabindex: '0',
      role: 'application',
      'aria-roledescription': 'timeline',
      'aria-label':
        'Timeline. Left and right arrows step; Shift with an arrow moves a job; Up and Down select promises; Enter shows the source; plus and minus zoom; Space plays.',
    },
  });
}

interface Drag {
  x: number;
  y: number;
  start: Viewport;
  rowScroll: number;
  moved: boolean;
  overview: boolean;
}

export function bindPointer(canvas: HTMLCanvasElement, overviewCanvas: HTMLCanvasElement, t: InputTarget): void {
  let drag: Drag | undefined;
  canvas.addEventListener(
    'wheel',
    (e) => {
      if (!t.layout) return;
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const x = e.clientX - rect.left - GUTTER;
      const y = e.clientY - rect.top;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? rect.height : 1;
      const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
      const dy = e.shiftKey ? 0 : e.deltaY * unit;
      if (dx !== 0) t.camera.set(panBy(t.camera.view(), -dx, t.camera.bounds()));
      if (dy === 0) return;
      // Over the promise rows the wheel scrolls them; over the lanes (or with Ctrl) it zooms.
      if (y >= promisesTop(t.layout) && !e.ctrlKey && !e.metaKey) t.camera.scrollRows(dy / ROW_H);
      else t.camera.zoom(Math.pow(1.0015, -dy), Math.max(0, x));
    },
    { passive: false },
  );
  const centerOnOverview = (e: PointerEvent) => {
    if (!t.layout) return;
    const rect = overviewCanvas.getBoundingClientRect();
    const width = Math.max(1, rect.width - GUTTER - 10);
    const value = ((e.clientX - rect.left - GUTTER) / width) * axisLength(t.layout, t.state.axis);
    const half = (t.renderer.contentWidth * t.state.scale) / 2;
    t.camera.set(clamp({ start: value - half, scale: t.state.scale }, t.camera.bounds()));
  };
  const startDrag = (e: PointerEvent, overview: boolean) => {
    if (!t.layout || e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, start: t.camera.view(), rowScroll: t.state.rowScroll, moved: false, overview };
    if (overview) centerOnOverview(e);
    else canvas.focus();
  };
  const hitAt = (e: PointerEvent) => {
    const scene = t.scene();
    if (!scene) return null;
    const rect = canvas.getBoundingClientRect();
    return t.renderer.hitTest(scene, e.clientX - rect.left, e.clientY - rect.top);
  };
  canvas.addEventListener('pointerdown', (e) => startDrag(e, false));
  // The full text of the job or promise under the pointer (labels on the canvas are cut to fit).
  canvas.addEventListener('pointermove', (e) => {
    if (drag) return;
    const hit = hitAt(e);
    const trace = t.layout?.trace;
    if (hit?.kind === 'job' && trace) canvas.title = jobTitle(trace.jobs[hit.index]);
    else if (hit?.kind === 'promise' && t.layout) {
      // Over an await on an async function's row: that await too.
      const span = hit.await === undefined ? undefined : awaitSpan(t.layout, hit.await);
      const title = promiseTitle(t.layout.trace.promises[hit.index]);
      canvas.title = span ? `${title}\n${awaitText(t.layout, span, stepNumber)}` : title;
    } else canvas.title = '';
  });
  overviewCanvas.addEventListener('pointerdown', (e) => startDrag(e, true));
  window.addEventListener('pointermove', (e) => {
    const d = drag;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
    if (d.overview) return centerOnOverview(e);
    if (!d.moved) return;
    t.state.rowScroll = d.rowScroll;
    t.camera.set(panBy(d.start, dx, t.camera.bounds()));
    t.camera.scrollRows(-dy / ROW_H);
  });
  window.addEventListener('pointerup', (e) => {
    const d = drag;
    drag = undefined;
    if (!d || d.overview || d.moved) return;
    const hit = hitAt(e);
    if (!hit) return;
    if (hit.kind === 'job') t.selectJob(hit.index, true);
    else if (hit.kind === 'promise') t.selectPromise(hit.index, true, false);
    else t.setStep(hit.step, true);
  });
}

/** The timeline's keys (the event-loop view uses them too). */
export function onKey(e: KeyboardEvent, t: InputTarget): void {
  const layout = t.layout;
  if (!layout) return;
  const handled = () => e.preventDefault();
  const pan = t.renderer.contentWidth / 4;
  switch (e.key) {
    case 'ArrowRight':
      if (e.altKey) t.camera.set(panBy(t.camera.view(), -pan, t.camera.bounds()));
      else if (e.shiftKey) t.stepJob(1);
      else t.setStep(t.state.step + 1, true);
      return handled();
    case 'ArrowLeft':
      if (e.altKey) t.camera.set(panBy(t.camera.view(), pan, t.camera.bounds()));
      else if (e.shiftKey) t.stepJob(-1);
      else t.setStep(t.state.step - 1, true);
      return handled();
    case 'ArrowDown':
      t.moveSelection(1);
      return handled();
    case 'ArrowUp':
      t.moveSelection(-1);
      return handled();
    case 'Home':
      t.setStep(0, true);
      return handled();
    case 'End':
      t.setStep(layout.steps - 1, true);
      return handled();
    case 'PageDown':
      t.camera.scrollRows(t.renderer.visibleRows(layout) - 1);
      return handled();
    case 'PageUp':
      t.camera.scrollRows(-(t.renderer.visibleRows(layout) - 1));
      return handled();
    case '+':
    case '=':
      t.camera.zoom(1.5, t.camera.cursorX());
      return handled();
    case '-':
    case '_':
      t.camera.zoom(1 / 1.5, t.camera.cursorX());
      return handled();
    case '0':
      t.camera.fit();
      return handled();
    case ' ':
      t.togglePlay();
      return handled();
    case 'Enter': {
      const p = t.selectedPromiseIndex();
      if (p !== -1) t.post({ type: 'reveal', target: 'promise', id: layout.trace.promises[p].id });
      else {
        const j = jobAt(layout, t.state.step);
        if (j !== -1) t.post({ type: 'reveal', target: 'job', id: layout.trace.jobs[j].id });
      }
      return handled();
    }
    case 'Escape':
      t.clearSelection();
      return handled();
  }
}
