/**
 * Everything only tests and the bench use, in one place: the probe's snapshot (the in-editor tests ask
 * the page what it shows), and `window.promiseLensTimeline` (the UI tests wait for a settled view and
 * read the saved view state; the bench times frames).
 */
import type { SnapshotMessage } from '../core/protocol';
import { panBy, zoomAt } from '../core/timeline/viewport';
import type { App } from './app';
import type { ViewState } from './bridge';
import { promisesTop } from './renderer/scene';

/** What the page shows, read back from its own DOM and canvas labels. */
export function snapshot(app: App, root: HTMLElement, id: number): SnapshotMessage {
  const text = (sel: string) => root.querySelector(sel)?.textContent?.trim() ?? '';
  return {
    type: 'snapshot',
    id,
    lanes: app.layout ? app.layout.lanes.map((l) => l.label) : [],
    step: app.state.step,
    steps: app.layout?.steps ?? 0,
    stepText: app.toolbar.stepLabel.textContent ?? '',
    currentJob: text('.current-job'),
    selected: text('.details .promise'),
    console: Array.from(root.querySelectorAll('.console-lines li .text')).map((n) => n.textContent ?? ''),
    promises: app.rowList.texts(),
    view: app.state.view,
    loop: app.loopView.read(),
  };
}

export class TestHooks {
  constructor(private readonly app: App) {}

  /** The view state as it is saved for a restore: step, zoom, selection. */
  get viewState(): Readonly<ViewState> {
    return { ...this.app.state };
  }

  /** Where the first promise row starts on the canvas, in CSS pixels: the UI tests point at a row. */
  get rowsTop(): number {
    return this.app.layout ? promisesTop(this.app.layout) : 0;
  }

  /** True once no glide, drawing or save of the view state is waiting (the UI tests wait for it). */
  get settled(): boolean {
    return this.app.idle;
  }

  /** Time a frame of zooming and panning, for the bench: returns draw times in ms. */
  benchFrames(frames: number): number[] {
    const { app } = this;
    const times: number[] = [];
    for (let i = 0; i < frames; i++) {
      const { camera } = app;
      if (i % 2 === 0)
        app.state.scale = zoomAt(
          camera.view(),
          app.renderer.contentWidth / 2,
          i % 4 === 0 ? 1.2 : 1 / 1.1,
          camera.bounds(),
        ).scale;
      else app.state.start = panBy(camera.view(), 37, camera.bounds()).start;
      times.push(app.draw());
    }
    return times;
  }
}
