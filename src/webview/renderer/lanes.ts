/** The axis, the queue lanes with their job blocks, and the console strip. */
import { lowerBound, visibleJobs } from '../../core/timeline/layout';
import { jobAt } from '../../core/timeline/queues';
import { formatMicros } from '../../core/timeline/describe';
import { toAxis } from '../../core/timeline/viewport';
import { niceStep, withAlpha, type Surface } from './paint';
import { AXIS_H, CONSOLE_H, GUTTER, LANE_H, axisOf, jobSpan, type Scene } from './scene';

export function drawAxis(s: Surface, scene: Scene, px: (v: number) => number): void {
  const { ctx } = s;
  const p = scene.palette;
  const spacing = niceStep(scene.view.scale * 90);
  const first = Math.floor(toAxis(scene.view, 0) / spacing) * spacing;
  const last = toAxis(scene.view, s.contentWidth);
  ctx.textAlign = 'left';
  for (let v = first; v <= last; v += spacing) {
    const x = Math.round(px(v)) + 0.5;
    withAlpha(p.grid, 0.6, ctx, () => ctx.fillRect(x, AXIS_H - 6, 1, s.height));
    if (x < GUTTER) continue;
    const label = scene.axis === 'step' ? `${Math.round(v)}` : formatMicros(v);
    withAlpha(p.muted, 1, ctx, () => ctx.fillText(label, x + 3, AXIS_H / 2));
  }
}

export function drawLanes(s: Surface, scene: Scene, px: (v: number) => number, from: number, to: number): void {
  const { ctx } = s;
  const { layout, palette: p } = scene;
  const running = jobAt(layout, scene.step);
  layout.lanes.forEach((lane, l) => {
    const y = AXIS_H + l * LANE_H;
    if (l % 2 === 0) withAlpha(p.grid, 0.18, ctx, () => ctx.fillRect(GUTTER, y, s.contentWidth + 10, LANE_H));
    const [a, b] = visibleJobs(layout, lane, from, to);
    const zoomedIn = b - a < s.contentWidth / 3;
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
        ctx.fillStyle = s.labelColor(alt ? p.jobAlt : p.job, p);
        ctx.textAlign = 'left';
        ctx.fillText(s.fit(layout.trace.jobs[j].label, right - textFrom - 8), textFrom + 4, y + LANE_H / 2);
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

export function drawConsole(s: Surface, scene: Scene, px: (v: number) => number, from: number, to: number): void {
  const { ctx } = s;
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
