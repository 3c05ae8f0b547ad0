/**
 * What screen readers get in place of the canvas (one opaque image to them): the promise rows as a
 * list, and a polite announcer for what a selection changed.
 */
import { promiseStateAt } from '../core/timeline/queues';
import { formatLocation } from '../core/timeline/describe';
import { awaitingAt, awaitText } from '../core/timeline/awaits';
import { stepNumber } from '../core/trace/steps';
import { clear, el } from './dom';
import type { Scene } from './renderer/scene';

/** Every row when there are no more than this (a screen reader can then walk them all); the rows in view otherwise. */
const ROW_LIST_ALL = 500;

export class RowList {
  readonly root = el('ol', { class: 'sr-only', attrs: { 'aria-label': 'Promises' } });
  private key = '';

  /** `visibleRows`: how many rows the canvas shows; `revision`: changes with every new layout. */
  render(scene: Scene, visibleRows: number, revision: number): void {
    const layout = scene.layout;
    const all = layout.rows.length <= ROW_LIST_ALL;
    const first = all ? 0 : Math.max(0, Math.floor(scene.rowScroll));
    const end = all ? layout.rows.length : Math.min(layout.rows.length, first + visibleRows + 1);
    // Panning and zooming change nothing here; only rebuild when the rows, the step or the trace did.
    const key = `${first}|${end}|${scene.step}|${layout.rows.length}|${revision}`;
    if (key === this.key) return;
    this.key = key;
    clear(this.root);
    for (let r = first; r < end; r++) {
      const i = layout.rows[r];
      const p = layout.trace.promises[i];
      const now = promiseStateAt(layout, i, scene.step) ?? 'not created yet';
      const where = p.location ? ` at ${formatLocation(p.location)}` : '';
      const waiting = awaitingAt(layout, i, scene.step);
      const awaits = layout.awaitsOf.get(i)?.length ?? 0;
      const stopped = waiting ? `, stopped at ${awaitText(layout, waiting, stepNumber)}` : '';
      const count = awaits > 0 ? `, ${awaits} await${awaits === 1 ? '' : 's'}` : '';
      this.root.appendChild(
        el('li', {
          text: `promise #${p.id} ${p.kind}${where}: ${now} at this step, ${p.state} at the end${p.unhandled ? ', unhandled rejection' : ''}${count}${stopped}`,
        }),
      );
    }
  }

  texts(): string[] {
    return Array.from(this.root.children).map((n) => n.textContent ?? '');
  }
}

export class Announcer {
  readonly root = el('div', { class: 'sr-only', attrs: { 'aria-live': 'polite' } });

  say(text: string): void {
    this.root.textContent = text;
  }
}
