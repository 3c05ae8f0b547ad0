/**
 * Draws the timeline on a canvas: an axis, one lane per queue, a console strip, and one row per promise.
 * Drawing is virtualised: lanes draw only the jobs in view (merging those that share a pixel), the
 * promise area only the rows in view, so the cost of a frame follows the canvas size, not the trace.
 * The lanes and the promise rows have their own painters (lanes.ts, promiseRows.ts); this class owns
 * the canvas, the gutter's titles, label fitting and hit testing.
 */
import { visibleJobs, type TimelineLayout } from '../../core/timeline/layout';
import { jobAt } from '../../core/timeline/queues';
import { awaitSpan } from '../../core/timeline/awaits';
import { toAxis, toPixel } from '../../core/timeline/viewport';
import type { Palette } from '../theme';
import { drawAxis, drawConsole, drawLanes } from './lanes';
import { luminance, observeSize, withAlpha, type Surface } from './paint';
import { drawPromises, drawRowLabels } from './promiseRows';
import {
  AXIS_H,
  CONSOLE_H,
  GUTTER,
  HEADER_H,
  LANE_H,
  ROW_H,
  axisOf,
  jobSpan,
  promisesTop,
  setLaneHeight,
  stepAtAxis,
  type Hit,
  type Scene,
} from './scene';

/** The fewest letters a cut label keeps. */
const MIN_LETTERS = 4;

export class Renderer implements Surface {
  readonly ctx: CanvasRenderingContext2D;
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
    setLaneHeight(h);
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
    drawAxis(this, scene, px);
    drawLanes(this, scene, px, from, to);
    drawConsole(this, scene, px, from, to);
    drawPromises(this, scene, px);
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
    drawRowLabels(this, scene);
  }

  private labelCache = new Map<string, string>();
  private fitCache = new Map<string, number>();

  /**
   * `text` cut to `width` pixels. Each text is measured once; a cut is estimated from its average
   * character width, since zooming changes every block's width on every frame and measuring is slow.
   */
  fit(text: string, width: number): string {
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

  labelColor(fill: string, p: Palette): string {
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
      if (row < 0 || row >= layout.rows.length) return null;
      const index = layout.rows[row];
      const at = x < GUTTER ? undefined : awaitUnder(scene, index, toAxis(scene.view, x - GUTTER));
      return at === undefined ? { kind: 'promise', index } : { kind: 'promise', index, await: at };
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

/** The await of the async function at promise index `owner` whose stopped span holds axis value `value`. */
function awaitUnder(scene: Scene, owner: number, value: number): number | undefined {
  const { layout } = scene;
  for (const i of layout.awaitsOf.get(owner) ?? []) {
    const span = awaitSpan(layout, i);
    if (value < axisOf(scene, span.start)) return undefined;
    const end = span.resume === -1 ? Math.max(0, layout.steps - 1) : span.resume;
    if (value <= axisOf(scene, end)) return i;
  }
  return undefined;
}
