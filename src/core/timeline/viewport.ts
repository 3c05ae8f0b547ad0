/**
 * The horizontal window of the timeline: which part of the axis (steps, or microseconds in wall-clock
 * mode) fills the canvas. Pure arithmetic, so zoom and pan behave the same in the panel, the exported
 * page and the tests.
 */
export interface Viewport {
  /** Axis value at the left edge. */
  start: number;
  /** Axis units per CSS pixel. */
  scale: number;
}

export interface AxisBounds {
  /** Axis extent: [0, length]. */
  length: number;
  /** Width of the drawing area in CSS pixels. */
  width: number;
  /** The most zoomed-in scale allowed, in axis units per pixel. */
  minScale: number;
}

export function fit(bounds: AxisBounds): Viewport {
  const width = Math.max(1, bounds.width);
  return { start: 0, scale: Math.max(bounds.minScale, Math.max(1, bounds.length) / width) };
}

export function clamp(view: Viewport, bounds: AxisBounds): Viewport {
  const width = Math.max(1, bounds.width);
  const maxScale = Math.max(bounds.minScale, Math.max(1, bounds.length) / width) * 1.05;
  const scale = Math.min(maxScale, Math.max(bounds.minScale, view.scale));
  const visible = scale * width;
  const slack = visible * 0.02;
  const maxStart = Math.max(-slack, bounds.length - visible + slack);
  const start = Math.min(maxStart, Math.max(-slack, view.start));
  return { start, scale };
}

/** Zoom by `factor` (> 1 zooms in) keeping the axis value under pixel `x` in place. */
export function zoomAt(view: Viewport, x: number, factor: number, bounds: AxisBounds): Viewport {
  const anchor = view.start + x * view.scale;
  const scale = view.scale / factor;
  return clamp({ start: anchor - x * scale, scale }, bounds);
}

export function panBy(view: Viewport, dx: number, bounds: AxisBounds): Viewport {
  return clamp({ start: view.start - dx * view.scale, scale: view.scale }, bounds);
}

export function toPixel(view: Viewport, value: number): number {
  return (value - view.start) / view.scale;
}

export function toAxis(view: Viewport, x: number): number {
  return view.start + x * view.scale;
}

/** Scroll so `value` is visible, with a margin; unchanged when it already is. */
export function follow(view: Viewport, value: number, bounds: AxisBounds): Viewport {
  const x = toPixel(view, value);
  const margin = Math.min(80, bounds.width / 4);
  if (x >= margin && x <= bounds.width - margin) return view;
  return clamp({ start: value - (bounds.width / 2) * view.scale, scale: view.scale }, bounds);
}
