/**
 * The overview strip: the whole run, lane by lane, with the part in view framed. The density picture is
 * drawn once into an offscreen canvas; each frame only copies it and draws the frame and the cursor.
 */
import type { Overview } from '../../core/timeline/overview';
import type { Palette } from '../theme';
import { observeSize } from './paint';
import { GUTTER, axisOf, type Scene } from './scene';

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
