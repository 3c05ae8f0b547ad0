/**
 * What one frame of the timeline shows, and where things sit on the canvas: the fixed sizes, the axis
 * (steps or microseconds) and the conversions between axis values and steps.
 */
import { lowerBound, type TimelineLayout } from '../../core/timeline/layout';
import type { Viewport } from '../../core/timeline/viewport';
import type { Palette } from '../theme';

export const GUTTER = 150;
export const AXIS_H = 20;
/** Lane height; lanes get tighter in a short panel so promise rows keep room. Set by `setLaneHeight`. */
export let LANE_H = 22;
export const CONSOLE_H = 16;
export const HEADER_H = 20;
export const ROW_H = 18;

/** Lanes 16 px high below 440 px of canvas, 22 above (`Renderer.resize` calls it). */
export function setLaneHeight(canvasHeight: number): void {
  LANE_H = canvasHeight < 440 ? 16 : 22;
}
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

/** A promise row's hit names the await under the pointer (its promise index) on an async function's row. */
export type Hit =
  { kind: 'job'; index: number } | { kind: 'promise'; index: number; await?: number } | { kind: 'step'; step: number };

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

export function jobSpan(scene: Scene, j: number): [number, number] {
  const { jobStart, jobEnd } = scene.layout;
  if (scene.axis === 'step') return [jobStart[j], jobEnd[j] + 1];
  return [axisOf(scene, jobStart[j]), axisOf(scene, jobEnd[j])];
}

export function promisesTop(layout: TimelineLayout): number {
  return AXIS_H + layout.lanes.length * LANE_H + CONSOLE_H + HEADER_H;
}
