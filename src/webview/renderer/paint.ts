/** Canvas helpers shared by the painters of lanes, promise rows and the overview. */
import type { TimelineLayout } from '../../core/timeline/layout';
import type { Palette } from '../theme';

/** What a painter draws on: the canvas context, its size, and label fitting that caches measurements. */
export interface Surface {
  readonly ctx: CanvasRenderingContext2D;
  readonly width: number;
  readonly height: number;
  readonly contentWidth: number;
  visibleRows(layout: TimelineLayout): number;
  /** `text` cut to `width` pixels, or '' when too few letters would be left. */
  fit(text: string, width: number): string;
  /** Of the theme's foreground and background, the one that reads better on `fill`. */
  labelColor(fill: string, p: Palette): string;
}

export function withAlpha(color: string, alpha: number, ctx: CanvasRenderingContext2D, draw: () => void): void {
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
export function markRow(p: Palette, ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  if (!p.highContrast) return withAlpha(p.selection, 0.6, ctx, () => ctx.fillRect(x, y, w, h));
  ctx.strokeStyle = p.cursor;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

/** Keeps `size` equal to the element's CSS box size as it changes. */
export function observeSize(element: Element, size: { width: number; height: number }): void {
  new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    size.width = box.width;
    size.height = box.height;
  }).observe(element);
}

/** Relative luminance of a CSS colour, read back through the canvas so any syntax the theme uses works. */
export function luminance(ctx: CanvasRenderingContext2D, color: string): number {
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
export function niceStep(approx: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(approx, 1e-9))));
  for (const m of [1, 2, 5, 10]) if (m * p >= approx) return m * p;
  return 10 * p;
}
