/**
 * The overview strip: how busy each lane was across the whole run, binned into a fixed number of
 * columns once, so even a million-event trace draws its overview in constant time.
 */
import type { TimelineLayout } from './layout';

export interface Overview {
  bins: number;
  /** Per lane, per bin: the number of job-steps that fell into it. */
  density: Float32Array[];
  /** The largest bin value over all lanes, for scaling. */
  max: number;
}

export function buildOverview(layout: TimelineLayout, bins: number, axis: 'step' | 'time'): Overview {
  const length = axisLength(layout, axis);
  const density = layout.lanes.map(() => new Float32Array(bins));
  const binOf = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor((v / Math.max(1e-9, length)) * bins)));
  const valueAt = (step: number) => (axis === 'step' ? step : layout.time[step] - layout.time[0]);
  let max = 0;
  for (let l = 0; l < layout.lanes.length; l++) {
    const { jobs } = layout.lanes[l];
    const d = density[l];
    for (let k = 0; k < jobs.length; k++) {
      const j = jobs[k];
      const a = binOf(valueAt(layout.jobStart[j]));
      const b = binOf(valueAt(layout.jobEnd[j]));
      const share = (layout.jobEnd[j] - layout.jobStart[j] + 1) / (b - a + 1);
      for (let i = a; i <= b; i++) d[i] += share;
    }
    for (let i = 0; i < bins; i++) if (d[i] > max) max = d[i];
  }
  return { bins, density, max };
}

/** The axis extent in the given mode: steps, or microseconds from the first event. */
export function axisLength(layout: TimelineLayout, axis: 'step' | 'time'): number {
  if (axis === 'step') return Math.max(1, layout.steps);
  const n = layout.time.length;
  return n === 0 ? 1 : Math.max(1, layout.time[n - 1] - layout.time[0]);
}
