/** The promise rows: bars from creation to settlement, links to their parents, fan-in edges, the gutter. */
import { COMBINATOR_KINDS, type TracePromise } from '../../core/trace/model';
import { fanIn } from '../../core/timeline/queues';
import { awaitSpan } from '../../core/timeline/awaits';
import { lowerBound } from '../../core/timeline/layout';
import { markRow, withAlpha, type Surface } from './paint';
import { GUTTER, ROW_H, axisOf, promisesTop, stepAtAxis, type Scene } from './scene';

export function drawPromises(s: Surface, scene: Scene, px: (v: number) => number): void {
  const { ctx } = s;
  const { layout, palette: p } = scene;
  const top = promisesTop(layout);
  ctx.fillStyle = p.muted;
  ctx.textAlign = 'left';
  const rows = layout.rows;
  const first = Math.max(0, Math.floor(scene.rowScroll));
  const count = s.visibleRows(layout) + 2;
  const yOf = (row: number) => top + (row - scene.rowScroll) * ROW_H + ROW_H / 2;
  const lastAxis = axisOf(scene, Math.max(0, layout.steps - 1));
  const promises = layout.trace.promises;

  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, top, s.contentWidth + 10, s.height - top);
  ctx.clip();
  const end = Math.min(rows.length, first + count);
  for (let r = first; r < end; r++) {
    if (rows[r] === scene.selectedPromise) markRow(p, ctx, GUTTER, yOf(r) - ROW_H / 2, s.contentWidth + 10, ROW_H);
  }
  // Parent edges first, so bars sit on top of them.
  for (let r = first; r < end; r++) {
    const i = rows[r];
    const promise = promises[i];
    const y = yOf(r);
    const parent = promise.parent === null ? undefined : layout.promiseIndex.get(promise.parent);
    if (parent !== undefined && layout.rowOf[parent] !== -1)
      drawLink(ctx, p.lines, px(axisOf(scene, layout.promiseStart[i])), yOf(layout.rowOf[parent]), y);
    // An async function's awaits: from the promise each awaited (a row) to the function, at the await.
    const awaits = layout.awaitsOf.get(i);
    if (awaits) {
      let lastPixel = -Infinity;
      for (const a of awaits) {
        const awaited = promises[a].parent === null ? undefined : layout.promiseIndex.get(promises[a].parent!);
        if (awaited === undefined || layout.rowOf[awaited] === -1) continue;
        const x = px(axisOf(scene, layout.promiseStart[a]));
        if (x < GUTTER || x > s.width || Math.round(x) <= lastPixel) continue;
        lastPixel = Math.round(x);
        drawLink(ctx, p.lines, x, yOf(layout.rowOf[awaited]), y);
      }
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
    const awaits = layout.awaitsOf.get(i);
    if (awaits) drawAwaits(s, scene, awaits, y, px);
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
    if (COMBINATOR_KINDS.includes(promise.kind)) drawFanIn(s, scene, promise, yOf(r), yOf, px);
  }
  ctx.restore();
}

/** The arrow from a promise's row (at `py`) to one made from it or awaiting it (at `y`), at `x`. */
function drawLink(ctx: CanvasRenderingContext2D, color: string, x: number, py: number, y: number): void {
  withAlpha(color, 0.9, ctx, () => {
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

/**
 * An async function's awaits on its own row: from each `await` to the job that resumed it the bar is
 * hollow (the function is stopped there), with a notch at the await and `await :line` where it fits.
 */
function drawAwaits(s: Surface, scene: Scene, awaits: number[], y: number, px: (v: number) => number): void {
  const { ctx } = s;
  const { layout, palette: p } = scene;
  const starts = awaits.map((i) => layout.promiseStart[i]);
  const from = stepAtPx(scene, px, 0);
  const to = stepAtPx(scene, px, s.width);
  let lastPixel = -Infinity;
  // Awaits run in order: the one before the first visible may still be waiting there.
  for (let k = Math.max(0, lowerBound(starts, from) - 1); k < awaits.length && starts[k] <= to; k++) {
    const x0 = px(axisOf(scene, starts[k]));
    // A loop's awaits zoomed out: one pixel shows one of them.
    if (Math.round(x0) <= lastPixel) continue;
    lastPixel = Math.round(x0);
    const span = awaitSpan(layout, awaits[k]);
    const last = span.resume === -1 ? Math.max(0, layout.steps - 1) : span.resume;
    const x1 = Math.max(x0 + 2, px(axisOf(scene, last)));
    ctx.fillStyle = p.background;
    ctx.fillRect(x0, y - 2, x1 - x0, 4);
    withAlpha(p.pending, 1, ctx, () => {
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + 0.5, y - 2.5, x1 - x0 - 1, 5);
    });
    withAlpha(p.foreground, 1, ctx, () => ctx.fillRect(Math.round(x0) - 1, y - 7, 2, 14));
    const line = layout.trace.promises[awaits[k]].location?.line;
    const label = s.fit(`await${line === undefined ? '' : ` :${line}`}`, x1 - x0 - 10);
    if (label) {
      const tw = ctx.measureText(label).width;
      ctx.fillStyle = p.background;
      ctx.fillRect(x0 + 4, y - 7, tw + 4, 14);
      ctx.fillStyle = p.foreground;
      ctx.textAlign = 'left';
      ctx.fillText(label, x0 + 6, y);
    }
  }
}

/** The step under pixel `x` of the canvas (the inverse of `px` over the axis), clamped. */
function stepAtPx(scene: Scene, px: (v: number) => number, x: number): number {
  const x0 = px(0);
  const x1 = px(1);
  return stepAtAxis(scene, x1 === x0 ? 0 : (x - x0) / (x1 - x0));
}

function drawFanIn(
  s: Surface,
  scene: Scene,
  combinator: TracePromise,
  y: number,
  yOf: (r: number) => number,
  px: (v: number) => number,
): void {
  const { ctx } = s;
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
          combinator.kind === 'all' ? 'fail-fast' : combinator.kind === 'race' ? 'won the race' : 'fulfilment won';
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

/** The promise rows' side of the gutter: each row's state dot, name and line, and the rows' scrollbar. */
export function drawRowLabels(s: Surface, scene: Scene): void {
  const { ctx } = s;
  const { layout, palette: p } = scene;
  const top = promisesTop(layout);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, GUTTER - 1, s.height - top);
  ctx.clip();
  const first = Math.max(0, Math.floor(scene.rowScroll));
  const count = s.visibleRows(layout) + 2;
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
      s.fit(`#${promise.id} ${promise.kind}${promise.unhandled ? ' !' : ''}`, GUTTER - 30 - lineWidth),
      22,
      y,
    );
  }
  ctx.restore();
  // Scrollbar for the promise rows.
  const visible = s.visibleRows(layout);
  if (layout.rows.length > visible) {
    const trackH = s.height - top;
    const thumbH = Math.max(16, (trackH * visible) / layout.rows.length);
    const thumbY = top + ((trackH - thumbH) * scene.rowScroll) / Math.max(1, layout.rows.length - visible);
    withAlpha(p.muted, 0.4, ctx, () => ctx.fillRect(s.width - 7, thumbY, 5, thumbH));
  }
}
