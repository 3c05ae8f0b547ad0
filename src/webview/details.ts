/**
 * The side panel: what is happening at the current step (the running job and the event), what waits in
 * each queue, the selected promise's internals, and the console lines interleaved with the steps.
 * Real DOM, so screen readers and keyboard users get all of it; every traced value goes in as text.
 */
import type { Reaction, TracePromise } from '../core/trace/model';
import type { TimelineLayout } from '../core/timeline/layout';
import { fanIn, jobAt, promiseStateAt, queuesAt } from '../core/timeline/queues';
import { stepNumber } from '../core/trace/steps';
import { describeEvent, describeJob, describePromise, describeValue, formatLocation } from '../core/timeline/describe';
import { awaitSpans, type AwaitSpan } from '../core/timeline/awaits';
import { clear, el } from './dom';
import { valueTree } from './valueTree';

export interface DetailsActions {
  goToStep(step: number): void;
  selectJob(index: number, reveal: boolean): void;
  selectPromise(index: number, reveal: boolean): void;
  /** Shows in the editor the handler of reaction `reaction` of promise `promise` (ids, as in the trace). */
  revealHandler(promise: number, reaction: number): void;
}

const MAX_WAITING = 12;
/** A loop's awaits: the first ones, then how many more (the row and its hover show every one). */
const MAX_AWAITS = 20;
const CONSOLE_WINDOW = 150;
const OUTSIDE_TITLE =
  "Not printed through the program's console: a child process, a direct write to the stream, or Node's own report";

function link(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { class: 'link', text, attrs: { type: 'button', title } });
  b.addEventListener('click', onClick);
  return b;
}

export class Details {
  readonly root: HTMLElement;
  private readonly now = el('section', {
    class: 'now',
    attrs: { 'aria-label': 'Current step', 'aria-live': 'polite' },
  });
  private readonly queues = el('section', { class: 'queues', attrs: { 'aria-label': 'Queues' } });
  private readonly promise = el('section', { class: 'promise', attrs: { 'aria-label': 'Selected promise' } });
  private readonly consoleList = el('ol', { class: 'console-lines', attrs: { 'aria-label': 'Console output' } });
  private consoleWindow: [number, number] = [-1, -1];
  private consoleLayout: TimelineLayout | undefined;
  /** The value tree's open branches, by promise id and path. */
  private readonly openValues = new Set<string>();

  constructor(private readonly actions: DetailsActions) {
    this.root = el(
      'aside',
      { class: 'details', attrs: { 'aria-label': 'Step details' } },
      this.now,
      el('div', { class: 'box queues-box' }, el('h2', { text: 'Queues' }), this.queues),
      el('div', { class: 'box promise-box' }, el('h2', { text: 'Promise' }), this.promise),
      el('div', { class: 'box console-box' }, el('h2', { text: 'Console' }), this.consoleList),
    );
  }

  update(layout: TimelineLayout, step: number, selectedPromise: number, selectedJob: number): void {
    this.renderNow(layout, step, selectedJob);
    this.renderQueues(layout, step);
    this.renderPromise(layout, step, selectedPromise);
    this.renderConsole(layout, step);
  }

  private renderNow(layout: TimelineLayout, step: number, selectedJob: number): void {
    clear(this.now);
    const { trace } = layout;
    this.now.appendChild(el('h2', { text: `Step ${layout.steps === 0 ? 0 : stepNumber(step)} of ${layout.steps}` }));
    const running = jobAt(layout, step);
    const jobLine = el('p', { class: 'current-job' });
    if (running === -1) {
      jobLine.appendChild(el('span', { text: 'Between jobs' }));
    } else {
      const job = trace.jobs[running];
      // A skipped reaction runs no handler: V8 only passes the value on (see TraceJob.passThrough).
      jobLine.append(
        el('span', { class: 'label', text: job.passThrough ? 'Skipped, no handler runs: ' : 'Running: ' }),
      );
      jobLine.appendChild(
        link(
          `#${job.id} ${describeJob(job)}`,
          job.passThrough ? 'Select this job' : 'Select this job and show its source',
          () => this.actions.selectJob(running, true),
        ),
      );
      jobLine.appendChild(el('span', { class: 'muted', text: ` in ${layout.lanes[layout.laneOfJob[running]].label}` }));
    }
    this.now.appendChild(jobLine);
    const why = running === -1 ? undefined : trace.jobs[running].why;
    if (why) this.now.appendChild(whyLine(why.text));
    this.now.appendChild(el('p', { class: 'event', text: describeEvent(trace, step, layout.promiseIndex) }));
    if (selectedJob !== -1 && selectedJob !== running) {
      const job = trace.jobs[selectedJob];
      const p = el('p', { class: 'selected-job' }, el('span', { class: 'label', text: 'Selected job: ' }));
      p.appendChild(
        link(`#${job.id} ${describeJob(job)}`, 'Go to where this job starts', () =>
          this.actions.goToStep(layout.jobStart[selectedJob]),
        ),
      );
      this.now.appendChild(p);
    }
    if (trace.exit.reason !== 'completed' || trace.truncated) {
      const text = `Run ended: ${trace.exit.reason}${trace.exit.message ? ` — ${trace.exit.message}` : ''}${trace.truncated ? ' (trace truncated)' : ''}`;
      this.now.appendChild(el('p', { class: 'warning', text }));
    }
  }

  private renderQueues(layout: TimelineLayout, step: number): void {
    clear(this.queues);
    const running = jobAt(layout, step);
    for (const snapshot of queuesAt(layout, step)) {
      const lane = layout.lanes.find((l) => l.task === snapshot.task);
      if (!lane) continue;
      const runningHere = running !== -1 && layout.lanes[layout.laneOfJob[running]] === lane;
      const list = el('ol', { class: 'queue', attrs: { 'aria-label': `${lane.label} queue` } });
      if (runningHere) {
        const job = layout.trace.jobs[running];
        const title = job.passThrough ? 'Now: no handler runs, the value is passed on' : 'Running now';
        list.appendChild(
          el(
            'li',
            { class: 'running' },
            link(`▶ #${job.id} ${describeJob(job)}`, title, () => this.actions.selectJob(running, true)),
          ),
        );
      }
      snapshot.waiting.slice(0, MAX_WAITING).forEach((j) => {
        const job = layout.trace.jobs[j];
        list.appendChild(
          el(
            'li',
            {},
            link(`#${job.id} ${describeJob(job)}`, 'Waiting in this queue', () => this.actions.selectJob(j, false)),
          ),
        );
      });
      if (snapshot.waiting.length > MAX_WAITING)
        list.appendChild(el('li', { class: 'muted', text: `and ${snapshot.waiting.length - MAX_WAITING} more` }));
      const count = snapshot.waiting.length;
      const parts = [runningHere ? 'running' : '', count > 0 ? `${count} waiting` : runningHere ? '' : 'empty'].filter(
        Boolean,
      );
      const heading = el('h3', { text: `${lane.label} — ${parts.join(', ')}` });
      const group = el('div', { class: `queue-group${count === 0 && !runningHere ? ' empty' : ''}` }, heading, list);
      this.queues.appendChild(group);
    }
  }

  private renderPromise(layout: TimelineLayout, step: number, index: number): void {
    clear(this.promise);
    if (index === -1) {
      this.promise.appendChild(
        el('p', { class: 'muted', text: 'Select a promise row (click it, or ↑ / ↓ in the timeline).' }),
      );
      return;
    }
    const { trace } = layout;
    const p = trace.promises[index];
    const state = promiseStateAt(layout, index, step);
    const title = el('p', { class: 'promise-title' });
    title.appendChild(
      link(describePromise(p), 'Show where it was created', () => this.actions.selectPromise(index, true)),
    );
    this.promise.appendChild(title);
    const dl = el('dl');
    const row = (term: string, value: Node | string, cls = '') => {
      dl.appendChild(el('dt', { text: term }));
      const dd = el('dd', { class: cls });
      if (typeof value === 'string') dd.textContent = value;
      else dd.appendChild(value);
      dl.appendChild(dd);
    };
    row('State now', state ?? 'not created yet', `state ${state ?? 'future'}`);
    row('Final state', p.state, `state ${p.state}`);
    if (p.value) {
      const term = p.state === 'rejected' ? 'Reason' : 'Value';
      if (p.value.tree) {
        const box = el(
          'div',
          {},
          el('span', { class: 'muted', text: `(${p.value.type})` }),
          valueTree(p.value.tree, this.openValues, String(p.id)),
        );
        row(term, box, 'value');
      } else row(term, `${describeValue(p.value)}  (${p.value.type})`, 'value');
    }
    if (p.unhandled) row('Unhandled', 'yes: rejected with no handler', 'state rejected');
    row(
      'Created',
      `step ${stepNumber(layout.promiseStart[index])}${p.location ? ` at ${formatLocation(p.location)}` : ''}`,
    );
    if (p.settledAt !== null) row('Settled', `step ${stepNumber(layout.promiseEnd[index])}`);
    if (p.parent !== null) {
      const parent = layout.promiseIndex.get(p.parent);
      row(
        'Parent',
        parent === undefined
          ? `#${p.parent}, Node's own (shown with "Node internals")`
          : link(describePromise(trace.promises[parent]), 'Select the parent', () =>
              this.actions.selectPromise(parent, false),
            ),
      );
    }
    if (p.inputs.length > 0) {
      const list = el('ul', { class: 'inputs' });
      for (const { input, role } of fanIn(layout, p)) {
        const ip = trace.promises[input];
        const li = el(
          'li',
          { class: `role-${role}` },
          link(describePromise(ip, false), 'Select this input', () => this.actions.selectPromise(input, false)),
        );
        li.appendChild(el('span', { class: 'muted', text: ` ${ip.state}, ${roleText(p, role)}` }));
        list.appendChild(li);
      }
      row('Inputs', list);
    }
    const awaits = awaitSpans(layout, index);
    if (awaits.length > 0) row('Awaits', this.awaits(layout, awaits, step));
    row('Fulfil reactions', this.reactions(layout, p, 'reject'));
    row('Reject reactions', this.reactions(layout, p, 'fulfil'));
    this.promise.appendChild(dl);
  }

  /**
   * An async function's awaits, in the order they ran: where, what each waited for, and the steps it
   * stopped and resumed at (links); the one it is stopped at now is marked.
   */
  private awaits(layout: TimelineLayout, spans: AwaitSpan[], step: number): Node {
    const ol = el('ol', { class: 'awaits' });
    const shown = spans.slice(0, MAX_AWAITS);
    for (const span of shown) {
      const p = layout.trace.promises[span.index];
      const waiting = span.start <= step && (span.resume === -1 || span.resume > step);
      const li = el('li', { class: waiting ? 'waiting' : '' });
      li.appendChild(
        link(`await${p.location ? ` at ${formatLocation(p.location)}` : ''}`, 'Go to this await', () =>
          this.actions.goToStep(span.start),
        ),
      );
      li.appendChild(el('span', { text: ' waited for ' }));
      const target = span.waitedForIndex;
      if (target !== -1)
        li.appendChild(
          link(span.waitedFor, 'Select the promise it waited for', () => this.actions.selectPromise(target, false)),
        );
      else li.appendChild(el('span', { text: span.waitedFor }));
      li.appendChild(el('span', { text: '; ' }));
      if (span.resume === -1) li.appendChild(el('span', { class: 'muted', text: 'never resumed' }));
      else
        li.appendChild(
          link(`resumed at step ${stepNumber(span.resume)}`, 'Go to the step it resumed', () =>
            this.actions.goToStep(span.resume),
          ),
        );
      if (waiting) li.appendChild(el('span', { class: 'muted', text: ' (stopped here now)' }));
      ol.appendChild(li);
    }
    if (spans.length > shown.length)
      ol.appendChild(el('li', { class: 'muted', text: `and ${spans.length - shown.length} more` }));
    return ol;
  }

  /** The reactions of `p` in one list: all but those that sit only in the `other` list. */
  private reactions(layout: TimelineLayout, p: TracePromise, other: Reaction['on']): Node {
    const list = p.reactions.map((r, index) => ({ r, index })).filter(({ r }) => r.on !== other);
    if (list.length === 0) return el('span', { class: 'muted', text: 'none' });
    const ul = el('ul', { class: 'reactions' });
    for (const { r, index } of list) {
      const child = r.child === null ? undefined : layout.promiseIndex.get(r.child);
      const kind = child === undefined ? undefined : layout.trace.promises[child].kind;
      const what =
        kind === 'await' ? 'await continuation' : kind === 'finally' || r.on === 'both' ? 'finally handler' : 'handler';
      const li = el('li', { text: `${what} ` });
      if (r.handler)
        li.appendChild(
          link(`at ${formatLocation(r.handler)}`, 'Show this handler in the editor', () =>
            this.actions.revealHandler(p.id, index),
          ),
        );
      else li.appendChild(el('span', { class: 'muted', text: '(no user location)' }));
      const owner = child === undefined ? undefined : layout.awaitOwner.get(child);
      if (owner !== undefined) {
        // The await's own promise is no row: the reaction resumes the async function of that row.
        li.appendChild(el('span', { text: ' → resumes ' }));
        li.appendChild(
          link(describePromise(layout.trace.promises[owner], false), 'Select the async function that awaited it', () =>
            this.actions.selectPromise(owner, false),
          ),
        );
      } else if (child !== undefined) {
        li.appendChild(el('span', { text: ' → ' }));
        li.appendChild(
          link(`#${r.child}`, 'Select the promise this reaction resolves', () =>
            this.actions.selectPromise(child, false),
          ),
        );
      }
      ul.appendChild(li);
    }
    return ul;
  }

  /** Scrolls the console list (only it: scrollIntoView would scroll the whole page) to show `li`. */
  private keepInView(li: HTMLElement): void {
    const list = this.consoleList;
    const top = li.offsetTop;
    if (top < list.scrollTop || top + li.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = Math.max(0, top - list.clientHeight / 2);
    }
  }

  private renderConsole(layout: TimelineLayout, step: number): void {
    const steps = layout.consoleSteps;
    if (steps.length === 0) {
      if (this.consoleLayout !== layout) {
        clear(this.consoleList);
        this.consoleList.appendChild(el('li', { class: 'muted', text: 'No console output.' }));
        this.consoleLayout = layout;
      }
      return;
    }
    // Only a window of lines around the current step is in the DOM, so a chatty program stays fast.
    let at = 0;
    while (at < steps.length && steps[at] <= step) at++;
    const from = Math.max(0, at - CONSOLE_WINDOW);
    const to = Math.min(steps.length, from + 2 * CONSOLE_WINDOW);
    if (
      this.consoleLayout !== layout ||
      from < this.consoleWindow[0] ||
      to > this.consoleWindow[1] ||
      at < this.consoleWindow[0] + 20
    ) {
      this.consoleLayout = layout;
      this.consoleWindow = [from, to];
      clear(this.consoleList);
      for (let k = from; k < to; k++) {
        const ev = layout.trace.events[steps[k]];
        if (ev.type !== 'console') continue;
        const attrs: Record<string, string> = { 'data-step': String(steps[k]) };
        if (ev.outside) attrs.title = OUTSIDE_TITLE;
        const li = el('li', { class: ev.outside ? `${ev.stream} outside` : ev.stream, attrs });
        li.appendChild(el('span', { class: 'step-no', text: String(stepNumber(steps[k])) }));
        li.appendChild(el('span', { class: 'text', text: ev.text }));
        li.addEventListener('click', () => this.actions.goToStep(steps[k]));
        this.consoleList.appendChild(li);
      }
    }
    for (const li of Array.from(this.consoleList.children)) {
      const s = Number((li as HTMLElement).dataset.step);
      li.classList.toggle('future', s > step);
      const latest = at > 0 && steps[at - 1] === s;
      li.classList.toggle('latest', latest);
      if (latest) this.keepInView(li as HTMLElement);
    }
  }
}

function roleText(p: TracePromise, role: string): string {
  switch (role) {
    case 'decided':
      return p.kind === 'all'
        ? 'made it fail fast'
        : p.kind === 'race'
          ? 'its result reached it first'
          : 'its fulfilment reached it first';
    case 'ignored':
      return 'its result came after it was decided';
    case 'pending':
      return 'never settled';
    default:
      return 'counted';
  }
}

/** "Why now": the job's sentence, its `code` spans as <code>, all through textContent. */
export function whyLine(text: string): HTMLParagraphElement {
  const p = el('p', { class: 'why' }, el('span', { class: 'label', text: 'Why now: ' }));
  text.split('`').forEach((part, i) => {
    if (part) p.appendChild(i % 2 === 1 ? el('code', { text: part }) : document.createTextNode(part));
  });
  return p;
}
