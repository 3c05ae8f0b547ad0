/**
 * What part of the run is in view: zoom and pan along the axis (kept in the view state as `start` and
 * `scale`), the short glide that follows the step, and the promise rows' scroll.
 */
import type { TimelineLayout } from '../core/timeline/layout';
import { axisLength } from '../core/timeline/overview';
import { fit, zoomAt, type AxisBounds, type Viewport } from '../core/timeline/viewport';
import type { ViewState } from './bridge';
import type { Renderer } from './renderer/renderer';
import { axisOf } from './renderer/scene';
import { prefersReducedMotion } from './theme';

export interface CameraHost {
  layout(): TimelineLayout | undefined;
  /** Draws on the next frame and saves the view state soon. */
  changed(): void;
  /** Draws now (a glide draws each of its frames). */
  draw(): void;
  save(): void;
  /** While it plays the view jumps with the step rather than gliding. */
  playing(): boolean;
}

export class Camera {
  private animation = 0;

  constructor(
    private readonly state: ViewState,
    private readonly renderer: Renderer,
    private readonly host: CameraHost,
  ) {}

  /** True while a glide runs. */
  get gliding(): boolean {
    return this.animation !== 0;
  }

  bounds(): AxisBounds {
    const layout = this.host.layout();
    const length = layout ? axisLength(layout, this.state.axis) : 1;
    const minScale = this.state.axis === 'step' ? 1 / 80 : Math.max(1e-3, length / 1e7);
    return { length, width: this.renderer.contentWidth, minScale };
  }

  view(): Viewport {
    return { start: this.state.start, scale: this.state.scale };
  }

  set(view: Viewport): void {
    this.state.start = view.start;
    this.state.scale = view.scale;
    this.host.changed();
  }

  zoom(factor: number, x = this.renderer.contentWidth / 2): void {
    if (!this.host.layout()) return;
    this.set(zoomAt(this.view(), x, factor, this.bounds()));
  }

  fit(): void {
    this.set(fit(this.bounds()));
  }

  scrollRows(delta: number): void {
    const layout = this.host.layout();
    if (!layout) return;
    const max = Math.max(0, layout.rows.length - this.renderer.visibleRows(layout));
    this.state.rowScroll = Math.max(0, Math.min(max, this.state.rowScroll + delta));
    this.host.changed();
  }

  /** The x of the step cursor in the content area, or its middle when the cursor is out of view. */
  cursorX(): number {
    const layout = this.host.layout();
    if (!layout) return 0;
    const x = (axisOf({ layout, axis: this.state.axis }, this.state.step) - this.state.start) / this.state.scale;
    return x >= 0 && x <= this.renderer.contentWidth ? x : this.renderer.contentWidth / 2;
  }

  /** Scrolls to `target`: a short glide, or a jump when the user prefers reduced motion or it plays. */
  glideTo(target: Viewport): void {
    const from = this.view();
    if (this.animation) cancelAnimationFrame(this.animation);
    this.animation = 0;
    if (from.start === target.start && from.scale === target.scale) return;
    if (prefersReducedMotion() || this.host.playing()) {
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
      this.host.draw();
      this.animation = k < 1 ? requestAnimationFrame(tick) : 0;
      if (k >= 1) this.host.save();
    };
    this.animation = requestAnimationFrame(tick);
  }
}
