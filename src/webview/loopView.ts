/**
 * The event-loop view: the same steps as the timeline, drawn as a learner pictures the loop. The call
 * stack box holds the running job, one box per queue holds what waits there, then the console so far
 * and why the running job ran now. Its contents come from `loopModelAt`; this file only makes DOM (real
 * elements, so screen readers and the keyboard reach everything; traced text goes in as text).
 *
 * Stepping moves a job's element from box to box: each element is keyed by its job, and a step that
 * moves it plays a short slide from where it was (none under reduced motion).
 */
import type { LoopSnapshot, TimelineView } from '../core/protocol';
import type { TimelineLayout } from '../core/timeline/layout';
import { loopModelAt, type LoopBox, type LoopItem, type LoopModel } from '../core/timeline/loopModel';
import { formatMicros } from '../core/timeline/describe';
import { stepNumber } from '../core/trace/steps';
import { whyLine } from './details';
import { button, clear, el } from './dom';
import { prefersReducedMotion } from './theme';

export interface LoopActions {
  goToStep(step: number): void;
  /** Selects a job and moves to the step it starts, as the timeline's click does. */
  selectJob(index: number, reveal: boolean): void;
  /** The timeline's keys (arrows step, Space plays), so stepping works the same in both views. */
  onKey(event: KeyboardEvent): void;
}

/** Steps further apart than this jump without sliding: the boxes changed too much to follow. */
const ANIMATE_MAX_STEPS = 40;
const SLIDE_MS = 260;

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** `#7 then handler (app.js:9)`, and for a timer when it is due (and, while it waits, whether that passed). */
function itemText(item: LoopItem, waiting: boolean): string {
  const passed = waiting && item.due?.passed ? ', already due' : '';
  const due = item.due ? ` · due ≈ ${formatMicros(item.due.at)}${passed}` : '';
  return `#${item.id} ${item.label}${due}`;
}

export class LoopView {
  readonly root = el('section', {
    class: 'loop-view',
    attrs: {
      tabindex: '0',
      'aria-label':
        'Event loop. Left and right arrows step; Shift with an arrow moves a job; Space plays. Each box lists what it holds.',
    },
  });
  private readonly header = el('section', { class: 'loop-now', attrs: { 'aria-live': 'polite' } });
  private readonly stack = el('ol', { class: 'loop-stack', attrs: { 'aria-label': 'Call stack, running job first' } });
  private readonly stackEvent = el('p', { class: 'loop-event' });
  private readonly queues = el('div', { class: 'loop-queues' });
  private readonly consoleList = el('ol', { class: 'loop-console', attrs: { 'aria-label': 'Console output so far' } });
  private readonly consoleNote = el('p', { class: 'muted' });
  private layout: TimelineLayout | undefined;
  private step = -1;

  constructor(private readonly actions: LoopActions) {
    this.root.hidden = true;
    this.root.addEventListener('keydown', (e) => {
      // Keys on a job's button (Enter, Space) belong to the button.
      if (e.target !== this.root && (e.key === 'Enter' || e.key === ' ')) return;
      actions.onKey(e);
    });
    const box = (cls: string, title: string, ...children: Node[]) => {
      const id = `loop-${cls}`;
      return el(
        'section',
        { class: `loop-box ${cls}`, attrs: { 'aria-labelledby': id } },
        el('h3', { text: title, attrs: { id } }),
        ...children,
      );
    };
    this.root.append(
      this.header,
      box('call-stack', 'Call stack', this.stack, this.stackEvent),
      this.queues,
      box('console', 'Console', this.consoleNote, this.consoleList),
    );
  }

  update(layout: TimelineLayout, step: number): void {
    const animate =
      !this.root.hidden &&
      layout === this.layout &&
      Math.abs(step - this.step) <= ANIMATE_MAX_STEPS &&
      step !== this.step &&
      !prefersReducedMotion();
    const before = animate ? this.positions() : new Map<string, DOMRect>();
    const origin = animate ? this.stack.getBoundingClientRect() : undefined;
    // The boxes are made anew: a keyboard user keeps the focus on the same job, or on the view.
    const focused = document.activeElement;
    const hadFocus = focused !== null && this.root.contains(focused);
    const focusedJob = focused?.closest('li[data-job]')?.getAttribute('data-job');
    this.layout = layout;
    this.step = step;
    const model = loopModelAt(layout, step);
    this.renderHeader(layout, model);
    this.renderStack(model);
    this.renderQueues(model);
    this.renderConsole(model);
    if (hadFocus && !this.root.contains(document.activeElement)) {
      const same = focusedJob ? this.root.querySelector<HTMLElement>(`li[data-job="${focusedJob}"] button`) : null;
      (same ?? this.root).focus();
    }
    if (animate && origin) this.slide(before, origin);
  }

  /** What the view shows, for the page's snapshot (tests read it through the host's probe). */
  read(): LoopSnapshot {
    const texts = (nodes: Iterable<Element>) => Array.from(nodes, (n) => n.textContent?.trim() ?? '');
    return {
      stack: texts(this.stack.querySelectorAll('li[data-job]')).reverse(),
      queues: Array.from(this.queues.querySelectorAll('.loop-box'), (box) => ({
        label: box.getAttribute('data-queue') ?? '',
        items: texts(box.querySelectorAll('li[data-job]')),
      })),
      console: texts(this.consoleList.querySelectorAll('li .text')),
      why: this.header.querySelector('.why')?.textContent?.trim() ?? '',
    };
  }

  private renderHeader(layout: TimelineLayout, model: LoopModel): void {
    clear(this.header);
    const running = model.stack[model.stack.length - 1];
    const clock = model.now === null ? '' : ` · ≈ ${formatMicros(model.now)} into the run`;
    this.header.append(
      el('h2', { text: `Step ${layout.steps === 0 ? 0 : stepNumber(model.step)} of ${layout.steps}${clock}` }),
    );
    if (running)
      this.header.append(
        el('p', {
          class: 'loop-running',
          text: `${running.passThrough ? 'Skipped, no handler runs' : 'Running'}: ${itemText(running, false)}`,
        }),
      );
    else this.header.append(el('p', { class: 'muted', text: 'No job of the program runs at this step.' }));
    if (model.why) this.header.append(whyLine(model.why.text));
  }

  private renderStack(model: LoopModel): void {
    clear(this.stack);
    if (model.stack.length === 0) {
      this.stack.append(el('li', { class: 'muted empty', text: 'Empty: nothing of the program runs now.' }));
    }
    // Innermost first: the top of the stack is what runs now.
    const list = [...model.stack].reverse();
    list.forEach((item, k) => {
      const where = k === 0 ? 'running now' : 'still running: the job above runs inside it';
      this.stack.append(this.itemElement(item, `${item.passThrough ? 'skipped, no handler runs' : where}`, true));
    });
    this.stackEvent.textContent = model.event ? `This step: ${model.event}` : '';
  }

  private renderQueues(model: LoopModel): void {
    clear(this.queues);
    for (const box of model.queues) this.queues.append(this.queueBox(box));
  }

  private queueBox(box: LoopBox): HTMLElement {
    const id = `loop-queue-${box.task}`;
    const count = box.items.length + box.more;
    const heading = el('h3', { attrs: { id } }, el('span', { class: 'name', text: box.label }));
    heading.append(el('span', { class: 'count', text: count === 0 ? ' — empty' : ` — ${count} waiting` }));
    const list = el('ol', {
      class: 'loop-items',
      attrs: { 'aria-label': `${box.label}: ${count === 0 ? 'empty' : `${count} waiting, first to run first`}` },
    });
    box.items.forEach((item, k) =>
      list.append(this.itemElement(item, `waiting in ${box.label}, runs ${ordinal(k + 1)}`)),
    );
    const section = el(
      'section',
      { class: `loop-box queue task-${box.task}${count === 0 ? ' empty' : ''}`, attrs: { 'aria-labelledby': id } },
      heading,
      list,
    );
    section.setAttribute('data-queue', box.label);
    if (box.more > 0) section.append(el('p', { class: 'muted', text: `and ${box.more} more` }));
    if (box.later > 0) {
      const what = box.later === 1 ? 'callback runs' : 'callbacks run';
      section.append(
        el('p', {
          class: 'muted later',
          text: `${box.later} more ${what} later from this queue: the trace does not record when ${box.later === 1 ? 'it was' : 'they were'} queued.`,
        }),
      );
    }
    return section;
  }

  private itemElement(item: LoopItem, role: string, running = false): HTMLLIElement {
    const text = itemText(item, !running);
    const li = el('li', { class: `loop-item${running ? ' running' : ''}${item.passThrough ? ' skipped' : ''}` });
    li.setAttribute('data-job', String(item.id));
    if (!running && item.due?.passed) li.classList.add('due');
    const go = running ? 'show its source' : 'go to the step it runs';
    li.append(button(text, `${text}: ${role}. Press to ${go}.`, () => this.actions.selectJob(item.job, running)));
    return li;
  }

  private renderConsole(model: LoopModel): void {
    clear(this.consoleList);
    this.consoleNote.textContent =
      model.console.length === 0
        ? 'Nothing printed yet.'
        : model.consoleEarlier > 0
          ? `${model.consoleEarlier} earlier lines not shown.`
          : '';
    model.console.forEach((line, k) => {
      const li = el('li', { class: `${line.stream}${line.outside ? ' outside' : ''}` });
      if (k === model.console.length - 1) li.classList.add('latest');
      li.append(
        el('span', { class: 'step-no', text: String(stepNumber(line.step)) }),
        el('span', { class: 'text', text: line.text }),
      );
      li.addEventListener('click', () => this.actions.goToStep(line.step));
      this.consoleList.append(li);
    });
    this.consoleList.scrollTop = this.consoleList.scrollHeight;
  }

  private positions(): Map<string, DOMRect> {
    const out = new Map<string, DOMRect>();
    for (const li of Array.from(this.root.querySelectorAll<HTMLElement>('li[data-job]')))
      out.set(li.dataset.job ?? '', li.getBoundingClientRect());
    return out;
  }

  /**
   * Slides each job from where it was to where it is now (FLIP). A job new to the view was queued by
   * the code running, so it comes out of the call stack.
   */
  private slide(before: Map<string, DOMRect>, origin: DOMRect): void {
    for (const li of Array.from(this.root.querySelectorAll<HTMLElement>('li[data-job]'))) {
      const now = li.getBoundingClientRect();
      const was = before.get(li.dataset.job ?? '');
      if (was) {
        const dx = was.left - now.left;
        const dy = was.top - now.top;
        if (Math.abs(dx) + Math.abs(dy) < 1) continue;
        li.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
          duration: SLIDE_MS,
          easing: 'ease-out',
        });
      } else {
        const dx = origin.left - now.left;
        const dy = origin.top - now.top;
        li.animate(
          [
            { transform: `translate(${dx}px, ${dy}px)`, opacity: 0 },
            { transform: 'none', opacity: 1 },
          ],
          { duration: SLIDE_MS, easing: 'ease-out' },
        );
      }
    }
  }
}

/** The toolbar's two buttons that switch between the timeline and the event-loop view. */
export function viewToggle(onChange: (view: TimelineView) => void): {
  root: HTMLElement;
  set(view: TimelineView): void;
} {
  const timeline = button('Timeline', 'Show the timeline of lanes and promise rows', () => onChange('timeline'));
  const loop = button('Event loop', 'Show the event loop: call stack, queues and console at this step', () =>
    onChange('loop'),
  );
  const root = el('span', { class: 'view-toggle', attrs: { role: 'group', 'aria-label': 'View' } }, timeline, loop);
  return {
    root,
    set: (view) => {
      timeline.setAttribute('aria-pressed', String(view === 'timeline'));
      loop.setAttribute('aria-pressed', String(view === 'loop'));
    },
  };
}
