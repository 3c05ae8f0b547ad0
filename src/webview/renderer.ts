/**
 * Draws the timeline on a canvas: an axis, one lane per queue, a console strip, and one row per promise.
 * Drawing is virtualised: lanes draw only the jobs in view (merging those that share a pixel), the
 * promise area only the rows in view, so the cost of a frame follows the canvas size, not the trace.
 */
import { COMBINATOR_KINDS, type TracePromise } from '../core/trace/model';
import { lowerBound, visibleJobs, type TimelineLayout } from '../core/timeline/layout';
import { fanIn, jobAt } from '../core/timeline/queues';
import { formatMicros } from '../core/timeline/describe';
import { toPixel, toAxis, type Viewport } from '../core/timeline/viewport';
import type { Overview } from '../core/timeline/overview';
import type { Palette } from './theme';

export const GUTTER = 150;
export const AXIS_H = 20;
/** Lane height; lanes get tighter in a short panel so promise rows keep room. Set by `Renderer.resize`. */
export let LANE_H = 22;
export const CONSOLE_H = 16;
export const HEADER_H = 20;
export const ROW_H = 18;

export interface Scene {
  layout: TimelineLayout;
  axis: 'step' | 'time';
  view: Viewport;
  /** First visible promise row, fractional. */
  rowScroll: number;
  step: number;
  /** Promise index, or -1. */
  selectedPromise: number;
  /** Job index, or -1. */
  selectedJob: number;
  palette: Palette;
}

/** The fewest letters a cut label keeps. */
const MIN_LETTERS = 4;

export type Hit = { kind: 'job'; index: number } | { kind: 'promise'; index: number } | { kind: 'step'; step: number };

/** Axis value of a step: its centre in step mode, microseconds since the first event in time mode. */
export function axisOf(scene: Pick<Scene, 'layout' | 'axis'>, step: number): number {
  if (scene.axis === 'step') return step + 0.5;
  const t = scene.layout.time;
  return t.length === 0 ? 0 : t[Math.max(0, Math.min(t.length - 1, step))] - t[0];
}

/** The step at an axis value (the last one at or before it). */
export function stepAtAxis(scene: Pick<Scene, 'layout' | 'axis'>, value: number): number {
  const n = scene.layout.steps;
  if (n === 0) return 0;
  if (scene.axis === 'step') return Math.max(0, Math.min(n - 1, Math.floor(value)));
  const t = scene.layout.time;
  const k = lowerBound(t, t[0] + value + 1e-9) - 1;
  return Math.max(0, Math.min(n - 1, k));
}

function jobSpan(scene: Scene, j: number): [number, number] {
  const { jobStart, jobEnd } = scene.layout;
  if (scene.axis === 'step') return [jobStart[j], jobEnd[j] + 1];
  return [axisOf(scene, jobStart[j]), axisOf(scene, jobEnd[j])];
}

export function promisesTop(layout: TimelineLayout): number {
  return AXIS_H + layout.lanes.length * LANE_H + CONSOLE_H + HEADER_H;
}

function withAlpha(color: string, alpha: number, ctx: CanvasRenderingContext2D, draw: () => void): void {
  const before = ctx.globalAlpha;
  ctx.globalAlpha = before * alpha;
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  draw();
  ctx.globalAlpha = before;
}

/**
 * The selected promise row: a tinted band, or in high contrast an outline in the focus colour, as VS Code
 * marks selections there (a filled band would sit under white text in the selection's own light colour).
 */
function markRow(p: Palette, ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  if (!p.highContrast) return withAlpha(p.selection, 0.6, ctx, () => ctx.fillRect(x, y, w, h));
  ctx.strokeStyle = p.cursor;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

/** Keeps `size` equal to the element's CSS box size as it changes. */
function observeSize(element: Element, size: { width: number; height: number }): void {
  new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    size.width = box.width;
    size.height = box.height;
  }).observe(element);
}

/** Relative luminance of a CSS colour, read back through the canvas so any syntax the theme uses works. */
function luminance(ctx: CanvasRenderingContext2D, color: string): number {
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  const value = String(ctx.fillStyle);
  let rgb: number[];
  if (value.startsWith('#')) rgb = [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
  else rgb = (value.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Round axis spacing near `approx`: 1, 2 or 5 times a power of ten. */
function niceStep(approx: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(approx, 1e-9))));
  for (const m of [1, 2, 5, 10]) if (m * p >= approx) return m * p;
  return 10 * p;
}

export class Renderer {
  private readonly ctx: CanvasRenderingContext2D;
  width = 0;
  height = 0;

  /** The element's size, kept by a ResizeObserver: reading layout on every frame would force it. */
  private size = { width: 0, height: 0 };

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('no 2d canvas');
    this.ctx = ctx;
    observeSize(canvas, this.size);
  }

  /** Matches the backing store to the element's size; true when it changed. */
  resize(): boolean {
    const rect = this.size.width > 0 ? this.size : this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.floor(rect.width));
    const h = Math.max(1, Math.floor(rect.height));
    if (w === this.width && h === this.height && this.canvas.width === Math.floor(w * dpr)) return false;
    LANE_H = h < 440 ? 16 : 22;
    this.width = w;
    this.height = h;
    this.canvas.width = Math.floor(w * dpr);
    this.canvas.height = Math.floor(h * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return true;
  }

  get contentWidth(): number {
    return Math.max(1, this.width - GUTTER - 10);
  }

  visibleRows(layout: TimelineLayout): number {
    return Math.max(1, Math.floor((this.height - promisesTop(layout)) / ROW_H));
  }

  private font = '';

  draw(scene: Scene): void {
    const { ctx } = this;
    const p = scene.palette;
    if (p.font !== this.font) {
      this.font = p.font;
      this.fitCache.clear();
      this.labelCache.clear();
      this.ellipsisWidth = 0;
    }
    ctx.font = p.font;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, this.width, this.height);
    const x0 = GUTTER;
    const w = this.contentWidth;
    const px = (value: number) => x0 + toPixel(scene.view, value);
    const from = stepAtAxis(scene, toAxis(scene.view, 0));
    const to = stepAtAxis(scene, toAxis(scene.view, w)) + 1;

    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, 0, w, this.height);
    ctx.clip();
    this.drawAxis(scene, px);
    this.drawLanes(scene, px, from, to);
    this.drawConsole(scene, px, from, to);
    this.drawPromises(scene, px);
    // Veil what has not happened yet at this step, then draw the cursor on top. Not in high contrast: the
    // veil dims job blocks under their labels below a readable contrast; the cursor line marks the step.
    const cx = px(axisOf(scene, scene.step));
    if (!p.highContrast)
      withAlpha(p.background, 0.45, ctx, () => ctx.fillRect(cx, AXIS_H, this.width - cx, this.height - AXIS_H));
    ctx.fillStyle = p.cursor;
    ctx.fillRect(Math.round(cx) - 1, 0, 2, this.height);
    ctx.restore();
    this.drawGutter(scene);
  }

  private drawAxis(scene: Scene, px: (v: number) => number): void {
    const { ctx } = this;
    const p = scene.palette;
    const spacing = niceStep(scene.view.scale * 90);
    const first = Math.floor(toAxis(scene.view, 0) / spacing) * spacing;
    const last = toAxis(scene.view, this.contentWidth);
    ctx.textAlign = 'left';
    for (let v = first; v <= last; v += spacing) {
      const x = Math.round(px(v)) + 0.5;
      withAlpha(p.grid, 0.6, ctx, () => ctx.fillRect(x, AXIS_H - 6, 1, this.height));
      if (x < GUTTER) continue;
      const label = scene.axis === 'step' ? `${Math.round(v)}` : formatMicros(v);
      withAlpha(p.muted, 1, ctx, () => ctx.fillText(label, x + 3, AXIS_H / 2));
    }
  }

  private drawLanes(scene: Scene, px: (v: number) => number, from: number, to: number): void {
    const { ctx } = this;
    const { layout, palette: p } = scene;
    const running = jobAt(layout, scene.step);
    layout.lanes.forEach((lane, l) => {
      const y = AXIS_H + l * LANE_H;
      if (l % 2 === 0) withAlpha(p.grid, 0.18, ctx, () => ctx.fillRect(GUTTER, y, this.contentWidth + 10, LANE_H));
      const [a, b] = visibleJobs(layout, lane, from, to);
      const zoomedIn = b - a < this.contentWidth / 3;
      const { jobStart, jobEnd, jobEnqueued } = layout;
      const stepAxis = scene.axis === 'step';
      const view = scene.view;
      const toX = (v: number) => GUTTER + (v - view.start) / view.scale;
      let runStart = Number.NaN;
      let runEnd = Number.NaN;
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = p.job;
      const flush = () => {
        if (!Number.isNaN(runStart)) ctx.fillRect(runStart, y + 3, Math.max(1, runEnd - runStart), LANE_H - 6);
      };
      for (let k = a; k < b; k++) {
        const j = lane.jobs[k];
        const s0 = stepAxis ? jobStart[j] : axisOf(scene, jobStart[j]);
        const e0 = stepAxis ? jobEnd[j] + 1 : axisOf(scene, jobEnd[j]);
        const left = toX(s0);
        const right = Math.max(left + 2, toX(e0));
        if (!zoomedIn) {
          if (left <= runEnd + 1) runEnd = Math.max(runEnd, right);
          else {
            flush();
            runStart = left;
            runEnd = right;
          }
          continue;
        }
        const enq = jobEnqueued[j];
        if (enq !== -1 && enq < jobStart[j]) {
          const qx = toX(axisOf(scene, enq));
          ctx.globalAlpha = 0.9;
          ctx.fillStyle = p.waiting;
          ctx.fillRect(qx, y + LANE_H - 4, Math.max(1, left - qx), 2);
        }
        const alt = k % 2 === 1;
        ctx.globalAlpha = 0.85;
        ctx.fillStyle = alt ? p.jobAlt : p.job;
        ctx.fillRect(left, y + 3, Math.max(1, right - left - 1), LANE_H - 6);
        ctx.globalAlpha = 1;
        if (j === scene.selectedJob || j === running) {
          ctx.strokeStyle = j === scene.selectedJob ? p.foreground : p.cursor;
          ctx.lineWidth = 2;
          ctx.strokeRect(left + 1, y + 2, Math.max(1, right - left - 2), LANE_H - 4);
        }
        const textFrom = Math.max(left, GUTTER);
        if (right - textFrom > 40) {
          ctx.fillStyle = this.labelColor(alt ? p.jobAlt : p.job, p);
          ctx.textAlign = 'left';
          ctx.fillText(this.fit(layout.trace.jobs[j].label, right - textFrom - 8), textFrom + 4, y + LANE_H / 2);
        }
      }
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = p.job;
      flush();
      ctx.globalAlpha = 1;
      if (!zoomedIn) {
        // Zoomed out, blocks merge; the running and selected jobs still get their frame.
        for (const j of [running, scene.selectedJob]) {
          if (j === -1 || layout.laneOfJob[j] !== l) continue;
          const [s, e] = jobSpan(scene, j);
          ctx.strokeStyle = j === scene.selectedJob ? p.foreground : p.cursor;
          ctx.lineWidth = 2;
          ctx.strokeRect(px(s) - 1, y + 2, Math.max(3, px(e) - px(s) + 2), LANE_H - 4);
        }
      }
    });
  }

  private drawConsole(scene: Scene, px: (v: number) => number, from: number, to: number): void {
    const { ctx } = this;
    const { layout, palette: p } = scene;
    const y = AXIS_H + layout.lanes.length * LANE_H;
    const steps = layout.consoleSteps;
    let lastX = -1;
    for (let k = lowerBound(steps, from); k < steps.length && steps[k] <= to; k++) {
      const x = Math.round(px(axisOf(scene, steps[k])));
      if (x === lastX) continue;
      lastX = x;
      const ev = layout.trace.events[steps[k]];
      const err = ev.type === 'console' && ev.stream === 'stderr';
      ctx.fillStyle = err ? p.consoleError : p.console;
      ctx.fillRect(x - 1, y + 3, 2, CONSOLE_H - 6);
    }
  }

  private drawPromises(scene: Scene, px: (v: number) => number): void {
    const { ctx } = this;
    const { layout, palette: p } = scene;
    const top = promisesTop(layout);
    ctx.fillStyle = p.muted;
    ctx.textAlign = 'left';
    const rows = layout.rows;
    const first = Math.max(0, Math.floor(scene.rowScroll));
    const count = this.visibleRows(layout) + 2;
    const yOf = (row: number) => top + (row - scene.rowScroll) * ROW_H + ROW_H / 2;
    const lastAxis = axisOf(scene, Math.max(0, layout.steps - 1));
    const promises = layout.trace.promises;

    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER, top, this.contentWidth + 10, this.height - top);
    ctx.clip();
    const end = Math.min(rows.length, first + count);
    for (let r = first; r < end; r++) {
      if (rows[r] === scene.selectedPromise) markRow(p, ctx, GUTTER, yOf(r) - ROW_H / 2, this.contentWidth + 10, ROW_H);
    }
    // Parent edges first, so bars sit on top of them.
    for (let r = first; r < end; r++) {
      const i = rows[r];
      const promise = promises[i];
      const y = yOf(r);
      const parent = promise.parent === null ? undefined : layout.promiseIndex.get(promise.parent);
      if (parent !== undefined && layout.rowOf[parent] !== -1) {
        const x = px(axisOf(scene, layout.promiseStart[i]));
        const py = yOf(layout.rowOf[parent]);
        withAlpha(p.lines, 0.9, ctx, () => {
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(x, py);
          ctx.lineTo(x, y);
          ctx.stroke();
          ctx.beginPath();
          ctx.moveTo(x - 3, y - (y > py ? 5 : -5));
          ctx.lineTo(x, y);
          ctx.lineTo(x + 3, y - (y > py ? 5 : -5));
          ctx.stroke();
        });
      }
    }
    for (let r = first; r < end; r++) {
      const i = rows[r];
      const promise = promises[i];
      const y = yOf(r);
      const start = px(axisOf(scene, layout.promiseStart[i]));
      const endStep = layout.promiseEnd[i];
      const end = endStep === -1 ? px(lastAxis) : px(axisOf(scene, endStep));
      withAlpha(p.pending, 0.9, ctx, () => ctx.fillRect(start, y - 3, Math.max(2, end - start), 6));
      if (endStep !== -1) {
        const color = promise.state === 'rejected' ? p.rejected : p.fulfilled;
        withAlpha(color, 0.8, ctx, () => ctx.fillRect(end, y - 1, Math.max(0, px(lastAxis) - end), 2));
        withAlpha(color, 1, ctx, () => {
          ctx.beginPath();
          ctx.arc(end, y, 5, 0, Math.PI * 2);
          ctx.fill();
        });
        if (promise.unhandled) {
          withAlpha(p.rejected, 1, ctx, () => {
            ctx.beginPath();
            ctx.moveTo(end + 9, y + 6);
            ctx.lineTo(end + 15, y - 6);
            ctx.lineTo(end + 21, y + 6);
            ctx.closePath();
            ctx.fill();
            ctx.textAlign = 'left';
            const tw = ctx.measureText('unhandled').width;
            ctx.fillStyle = p.background;
            ctx.fillRect(end + 23, y - 7, tw + 4, 14);
            ctx.fillStyle = p.rejected;
            ctx.fillText('unhandled', end + 25, y);
          });
        }
      }
    }
    // Fan-in edges last: they cross other rows, and their labels must stay readable.
    for (let r = first; r < end; r++) {
      const promise = promises[rows[r]];
      if (COMBINATOR_KINDS.includes(promise.kind)) this.drawFanIn(scene, promise, yOf(r), yOf, px);
    }
    ctx.restore();
  }

  private drawFanIn(
    scene: Scene,
    combinator: TracePromise,
    y: number,
    yOf: (r: number) => number,
    px: (v: number) => number,
  ): void {
    const { ctx } = this;
    const { layout, palette: p } = scene;
    for (const { input, role } of fanIn(layout, combinator)) {
      const row = layout.rowOf[input];
      const end = layout.promiseEnd[input];
      if (row === -1 || end === -1) continue;
      const x = px(axisOf(scene, end));
      const iy = yOf(row);
      const state = layout.trace.promises[input].state;
      const color = role === 'decided' ? (state === 'rejected' ? p.rejected : p.fulfilled) : p.lines;
      withAlpha(color, role === 'ignored' ? 0.5 : 1, ctx, () => {
        ctx.lineWidth = role === 'decided' ? 2.5 : 1;
        ctx.setLineDash(role === 'ignored' ? [3, 3] : []);
        ctx.beginPath();
        ctx.moveTo(x, iy);
        ctx.lineTo(x, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.arc(x, y, 3, 0, Math.PI * 2);
        ctx.fill();
        if (role === 'decided') {
          ctx.textAlign = 'left';
          const text =
            combinator.kind === 'all'
              ? 'fail-fast'
              : combinator.kind === 'race'
                ? 'first to settle'
                : 'first to fulfil';
          const tw = ctx.measureText(text).width;
          const ty = iy < y ? y - ROW_H / 2 - 1 : y + ROW_H / 2 + 1;
          const fill = ctx.fillStyle;
          ctx.fillStyle = p.background;
          ctx.fillRect(x + 4, ty - 7, tw + 4, 14);
          ctx.fillStyle = fill;
          ctx.fillText(text, x + 6, ty);
        }
      });
    }
  }

  private drawGutter(scene: Scene): void {
    const { ctx } = this;
    const { layout, palette: p } = scene;
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, GUTTER, this.height);
    withAlpha(p.grid, 1, ctx, () => ctx.fillRect(GUTTER - 1, 0, 1, this.height));
    ctx.textAlign = 'left';
    ctx.fillStyle = p.muted;
    ctx.fillText(scene.axis === 'step' ? 'step' : 'time', 8, AXIS_H / 2);
    const running = jobAt(layout, scene.step);
    layout.lanes.forEach((lane, l) => {
      const y = AXIS_H + l * LANE_H + LANE_H / 2;
      const active = running !== -1 && layout.laneOfJob[running] === l;
      ctx.fillStyle = active ? p.cursor : p.foreground;
      ctx.fillText(`${active ? '▶ ' : ''}${lane.label}`, 8, y);
    });
    ctx.fillStyle = p.foreground;
    ctx.fillText('console', 8, AXIS_H + layout.lanes.length * LANE_H + CONSOLE_H / 2);
    const top = promisesTop(layout);
    ctx.fillStyle = p.muted;
    ctx.fillText(`promises (${layout.rows.length})`, 8, top - HEADER_H / 2);
    withAlpha(p.grid, 1, ctx, () => ctx.fillRect(0, top - 1, this.width, 1));

    ctx.save();
    ctx.beginPath();
    ctx.rect(0, top, GUTTER - 1, this.height - top);
    ctx.clip();
    const first = Math.max(0, Math.floor(scene.rowScroll));
    const count = this.visibleRows(layout) + 2;
    for (let r = first; r < Math.min(layout.rows.length, first + count); r++) {
      const i = layout.rows[r];
      const promise = layout.trace.promises[i];
      const y = top + (r - scene.rowScroll) * ROW_H + ROW_H / 2;
      if (i === scene.selectedPromise) markRow(p, ctx, 0, y - ROW_H / 2, GUTTER - 1, ROW_H);
      const state =
        layout.promiseStart[i] > scene.step
          ? undefined
          : layout.promiseEnd[i] !== -1 && layout.promiseEnd[i] <= scene.step
            ? promise.state
            : 'pending';
      const dot = state === 'fulfilled' ? p.fulfilled : state === 'rejected' ? p.rejected : p.pending;
      withAlpha(dot, state === undefined ? 0.35 : 1, ctx, () => {
        ctx.beginPath();
        ctx.arc(12, y, 4, 0, Math.PI * 2);
        ctx.fill();
      });
      // The line that created it, right-aligned, so rows read against the source.
      const line = promise.location ? `:${promise.location.line}` : '';
      const lineWidth = line ? ctx.measureText(line).width + 6 : 0;
      if (line) {
        ctx.fillStyle = p.muted;
        ctx.textAlign = 'right';
        ctx.fillText(line, GUTTER - 8, y);
        ctx.textAlign = 'left';
      }
      ctx.fillStyle = state === undefined ? p.muted : p.foreground;
      ctx.fillText(
        this.fit(`#${promise.id} ${promise.kind}${promise.unhandled ? ' !' : ''}`, GUTTER - 30 - lineWidth),
        22,
        y,
      );
    }
    ctx.restore();
    // Scrollbar for the promise rows.
    const visible = this.visibleRows(layout);
    if (layout.rows.length > visible) {
      const trackH = this.height - top;
      const thumbH = Math.max(16, (trackH * visible) / layout.rows.length);
      const thumbY = top + ((trackH - thumbH) * scene.rowScroll) / Math.max(1, layout.rows.length - visible);
      withAlpha(p.muted, 0.4, ctx, () => ctx.fillRect(this.width - 7, thumbY, 5, thumbH));
    }
  }

  private labelCache = new Map<string, string>();
  private fitCache = new Map<string, number>();

  /**
   * `text` cut to `width` pixels. Each text is measured once; a cut is estimated from its average
   * character width, since zooming changes every block's width on every frame and measuring is slow.
   */
  private fit(text: string, width: number): string {
    let full = this.fitCache.get(text);
    if (full === undefined) {
      full = this.ctx.measureText(text).width;
      if (this.fitCache.size > 20000) this.fitCache.clear();
      this.fitCache.set(text, full);
    }
    if (full <= width) return text;
    const ellipsis = this.ellipsisWidth || (this.ellipsisWidth = this.ctx.measureText('…').width);
    const n = Math.floor(((width - ellipsis) * text.length) / full);
    // "se…" says nothing: below a few letters the block shows none (hover and the details say it all).
    return n < MIN_LETTERS ? '' : `${text.slice(0, n)}…`;
  }

  private ellipsisWidth = 0;

  /** Of the theme's foreground and background, the one that reads better on `fill`. */
  private labelColor(fill: string, p: Palette): string {
    const key = `${fill}|${p.foreground}|${p.background}`;
    let color = this.labelCache.get(key);
    if (!color) {
      const lf = luminance(this.ctx, fill);
      const contrast = (c: string) => {
        const l = luminance(this.ctx, c);
        return (Math.max(l, lf) + 0.05) / (Math.min(l, lf) + 0.05);
      };
      color = contrast(p.foreground) >= contrast(p.background) ? p.foreground : p.background;
      this.labelCache.set(key, color);
    }
    return color;
  }

  hitTest(scene: Scene, x: number, y: number): Hit | null {
    const { layout } = scene;
    const top = promisesTop(layout);
    if (y >= top) {
      const row = Math.floor(scene.rowScroll + (y - top) / ROW_H);
      if (row >= 0 && row < layout.rows.length) return { kind: 'promise', index: layout.rows[row] };
      return null;
    }
    if (x < GUTTER) return null;
    const value = toAxis(scene.view, x - GUTTER);
    const step = stepAtAxis(scene, value);
    const laneIdx = Math.floor((y - AXIS_H) / LANE_H);
    if (y >= AXIS_H && laneIdx >= 0 && laneIdx < layout.lanes.length) {
      const lane = layout.lanes[laneIdx];
      const slack = 3 * scene.view.scale;
      const [a, b] = visibleJobs(layout, lane, stepAtAxis(scene, value - slack), stepAtAxis(scene, value + slack));
      let best = -1;
      let bestDist = Infinity;
      for (let k = a; k < b; k++) {
        const j = lane.jobs[k];
        const [s, e] = jobSpan(scene, j);
        const dist = value < s ? s - value : value > e ? value - e : 0;
        if (dist < bestDist) {
          bestDist = dist;
          best = j;
        }
      }
      if (best !== -1 && bestDist <= slack) return { kind: 'job', index: best };
    }
    return { kind: 'step', step };
  }
}

/**
 * The overview strip: the whole run, lane by lane, with the part in view framed. The density picture is
 * drawn once into an offscreen canvas; each frame only copies it and draws the frame and the cursor.
 */
export class OverviewPainter {
  private cache: HTMLCanvasElement | undefined;
  private key = '';

  private size = { width: 0, height: 0 };

  constructor(private readonly canvas: HTMLCanvasElement) {
    observeSize(canvas, this.size);
  }

  draw(overview: Overview, scene: Scene, axisLength: number, contentWidth: number): void {
    const { canvas } = this;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const rect = this.size.width > 0 ? this.size : canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.floor(rect.width));
    const h = Math.max(1, Math.floor(rect.height));
    if (canvas.width !== Math.floor(w * dpr) || canvas.height !== Math.floor(h * dpr)) {
      canvas.width = Math.floor(w * dpr);
      canvas.height = Math.floor(h * dpr);
    }
    const p = scene.palette;
    const key = `${w}x${h}@${dpr}|${p.job}|${p.background}|${p.muted}|${p.font}`;
    if (!this.cache || this.key !== key || this.drawn !== overview) {
      this.cache = this.paint(overview, w, h, dpr, p);
      this.key = key;
      this.drawn = overview;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.cache, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const width = Math.max(1, w - GUTTER - 10);
    const scale = width / Math.max(1e-9, axisLength);
    const vx = GUTTER + scene.view.start * scale;
    const vw = Math.max(3, contentWidth * scene.view.scale * scale);
    ctx.strokeStyle = p.foreground;
    ctx.lineWidth = 1;
    ctx.strokeRect(Math.round(vx) + 0.5, 0.5, Math.round(vw), h - 1);
    ctx.fillStyle = p.cursor;
    ctx.fillRect(GUTTER + axisOf(scene, scene.step) * scale - 1, 0, 2, h);
  }

  private drawn: Overview | undefined;

  private paint(overview: Overview, w: number, h: number, dpr: number, p: Palette): HTMLCanvasElement {
    const off = document.createElement('canvas');
    off.width = Math.floor(w * dpr);
    off.height = Math.floor(h * dpr);
    const ctx = off.getContext('2d');
    if (!ctx) return off;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    const width = Math.max(1, w - GUTTER - 10);
    const lanes = overview.density.length;
    const laneH = (h - 4) / Math.max(1, lanes);
    const binW = width / overview.bins;
    ctx.fillStyle = p.job;
    for (let l = 0; l < lanes; l++) {
      const d = overview.density[l];
      for (let i = 0; i < overview.bins; i++) {
        if (d[i] <= 0) continue;
        ctx.globalAlpha = 0.25 + 0.75 * Math.sqrt(d[i] / Math.max(1e-9, overview.max));
        ctx.fillRect(GUTTER + i * binW, 2 + l * laneH, Math.max(1, binW), Math.max(1, laneH - 1));
      }
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = p.muted;
    ctx.font = p.font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText('overview', 8, h / 2);
    return off;
  }
}
