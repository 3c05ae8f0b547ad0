/**
 * The "Predict the order" page: the program's console lines shuffled, ordered by the learner (drag, or
 * Alt+↑ / Alt+↓, or the buttons of each row), then revealed: each line marked, with where it printed,
 * the step and why its job ran then. Every text from the traced program goes in as `textContent`.
 */
import { isPermutation, markAnswer, moveItem, shuffledOrder, type PlaceMark } from '../../core/predict/order';
import type { FromPredictPage, PuzzleMessage, ToPredictPage } from '../../core/predict/protocol';
import type { PredictPuzzle } from '../../core/predict/puzzle';
import { button, clear, el } from '../dom';
import { renderVerdict, resultSentence } from './verdict';

/**
 * What the page keeps in its webview state: the learner's order and whether it was revealed, and the
 * puzzle itself, from which the host restores the panel after a window reload (`PredictOrder.revive`).
 */
export interface PredictViewState {
  revision: number;
  order: number[];
  revealed: boolean;
  puzzle: PredictPuzzle;
}

export interface PredictHost {
  post(message: FromPredictPage): void;
  getState(): Partial<PredictViewState> | undefined;
  setState(state: PredictViewState): void;
}

function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;
}

export class PredictPage {
  private puzzle: PredictPuzzle | undefined;
  private revision = 0;
  /** `order[place]`: the line (index in printed order) shown at that place. */
  private order: number[] = [];
  private marks: PlaceMark[] | undefined;
  private dragged: number | undefined;
  private readonly header = el('header');
  private readonly body = el('section', { class: 'body' });
  private readonly announcer = el('p', { class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PredictHost,
  ) {
    root.append(this.header, this.body, this.announcer);
    this.body.append(el('p', { class: 'message', text: 'Tracing…' }));
  }

  handle(message: ToPredictPage): void {
    switch (message.type) {
      case 'puzzle':
        this.load(message);
        return;
      case 'arrange':
        if (!this.puzzle || this.puzzle.state !== 'ready' || !isPermutation(message.order, this.order.length)) return;
        this.order = [...message.order];
        this.marks = undefined;
        if (message.reveal) this.reveal();
        else this.render();
        return;
      case 'probe':
        this.host.post(this.snapshot(message.id));
        return;
    }
  }

  private load(message: PuzzleMessage): void {
    const { puzzle } = message;
    this.puzzle = puzzle;
    this.revision = message.revision;
    this.marks = undefined;
    const saved = this.host.getState();
    if (saved?.revision === message.revision && saved.order && isPermutation(saved.order, puzzle.lines.length)) {
      // The same puzzle after the page reloaded (hidden and shown again): keep the learner's work.
      this.order = saved.order;
      if (saved.revealed && puzzle.state === 'ready') this.marks = markAnswer(puzzle.lines, this.order);
    } else {
      this.order = shuffledOrder(puzzle.lines, message.seed) ?? puzzle.lines.map((_, i) => i);
    }
    this.renderHeader();
    this.render();
  }

  private save(): void {
    if (!this.puzzle) return;
    this.host.setState({
      revision: this.revision,
      order: this.order,
      revealed: this.marks !== undefined,
      puzzle: this.puzzle,
    });
  }

  private renderHeader(): void {
    const puzzle = this.puzzle;
    if (!puzzle) return;
    clear(this.header);
    const name = puzzle.file.split(/[\\/]/).pop() ?? puzzle.file;
    this.header.append(el('h1', { text: 'Predict the order: ' }, el('span', { class: 'file', text: name })));
    if (puzzle.state === 'ready')
      this.header.append(
        el('p', {
          class: 'intro',
          text:
            `${name} printed these ${puzzle.lines.length} lines. Put them in the order you think they printed: ` +
            'drag a line, or focus it and press Alt+↑ / Alt+↓ (↑ / ↓ move between lines), or use its buttons. Then Reveal.',
        }),
      );
    for (const note of puzzle.notes) this.header.append(el('p', { class: 'note', text: note }));
  }

  private render(): void {
    const puzzle = this.puzzle;
    if (!puzzle) return;
    this.save();
    const focused = this.root.ownerDocument.activeElement;
    const refocus = focused instanceof HTMLElement ? focused.dataset.focusKey : undefined;
    clear(this.body);
    if (puzzle.state !== 'ready') {
      this.body.append(el('p', { class: `message ${puzzle.state}`, text: puzzle.message ?? '' }));
      if (puzzle.lines.length > 0) {
        const list = el('ol', { class: 'plain', attrs: { 'aria-label': 'Console lines, as printed' } });
        for (const line of puzzle.lines) list.append(el('li', {}, el('code', { class: 'text', text: line.text })));
        this.body.append(list);
      }
      this.body.append(el('div', { class: 'actions' }, this.timelineButton()));
      return;
    }

    const revealed = this.marks !== undefined;
    // The instructions are for ordering; once revealed, the result says what to read.
    const intro = this.header.querySelector<HTMLElement>('.intro');
    if (intro) intro.hidden = revealed;
    const list = el('ol', {
      class: `lines${revealed ? ' revealed' : ''}`,
      attrs: { 'aria-label': revealed ? 'Your order, marked' : 'Console lines, in your order' },
    });
    this.order.forEach((line, place) => list.append(this.row(line, place)));
    // The result comes first, where the reveal moves the focus; the marked lines follow.
    if (this.marks)
      this.body.append(el('p', { class: 'result', text: resultSentence(this.marks), attrs: { tabindex: '-1' } }));
    this.body.append(list);
    const actions = el('div', { class: 'actions' });
    if (!revealed) actions.append(button('Reveal', 'Reveal the order the program printed', () => this.reveal()));
    actions.append(
      button(revealed ? 'Try again' : 'Shuffle', 'Shuffle the lines again and start over', () => this.reshuffle()),
      this.timelineButton(),
    );
    this.body.append(actions);
    if (refocus) (this.body.querySelector(`[data-focus-key="${refocus}"]`) as HTMLElement | null)?.focus();
  }

  private timelineButton(): HTMLButtonElement {
    return button('Open in timeline', 'Open this trace in the timeline (it shows the console)', () =>
      this.host.post({ type: 'openTimeline' }),
    );
  }

  private row(line: number, place: number): HTMLLIElement {
    const puzzle = this.puzzle as PredictPuzzle;
    const text = puzzle.lines[line].text;
    const count = this.order.length;
    const mark = this.marks?.[place];
    const li = el('li', {
      class: `line${mark ? ` ${mark.mark}` : ''}`,
      attrs: { 'data-line': String(line), 'data-focus-key': `line-${line}` },
    });
    li.append(el('span', { class: 'place', text: String(place + 1), attrs: { 'aria-hidden': 'true' } }));
    li.append(el('code', { class: 'text', text }));
    if (mark) {
      li.append(renderVerdict(puzzle, mark, place));
      return li;
    }
    li.tabIndex = 0;
    li.draggable = true;
    li.setAttribute('aria-label', `${place + 1} of ${count}: ${text}. Alt+Up or Alt+Down moves it.`);
    const up = button('↑', `Move up: ${text}`, () => this.move(place, place - 1, `line-${line}-up`), {
      'data-focus-key': `line-${line}-up`,
    });
    const down = button('↓', `Move down: ${text}`, () => this.move(place, place + 1, `line-${line}-down`), {
      'data-focus-key': `line-${line}-down`,
    });
    up.disabled = place === 0;
    down.disabled = place === count - 1;
    li.append(el('span', { class: 'moves' }, up, down));
    li.addEventListener('keydown', (event) => this.onKey(event, place));
    li.addEventListener('dragstart', (event) => {
      this.dragged = place;
      event.dataTransfer?.setData('text/plain', String(place));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      li.classList.add('dragging');
    });
    li.addEventListener('dragend', () => li.classList.remove('dragging'));
    li.addEventListener('dragover', (event) => {
      event.preventDefault();
      const after = this.isLowerHalf(li, event);
      li.classList.toggle('drop-before', !after);
      li.classList.toggle('drop-after', after);
    });
    li.addEventListener('dragleave', () => li.classList.remove('drop-before', 'drop-after'));
    li.addEventListener('drop', (event) => {
      event.preventDefault();
      const from = this.dragged ?? Number(event.dataTransfer?.getData('text/plain'));
      this.dragged = undefined;
      if (!Number.isInteger(from)) return;
      const after = this.isLowerHalf(li, event);
      // The place counts in the list without the dragged line.
      const to = from < place ? (after ? place : place - 1) : after ? place + 1 : place;
      this.move(from, to, `line-${this.order[from]}`);
    });
    return li;
  }

  private isLowerHalf(li: HTMLElement, event: DragEvent): boolean {
    const box = li.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2;
  }

  private onKey(event: KeyboardEvent, place: number): void {
    if (event.target !== event.currentTarget) return;
    const delta = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    if (event.altKey) {
      this.move(place, place + delta, `line-${this.order[place]}`);
      return;
    }
    const rows = this.body.querySelectorAll<HTMLElement>('li.line');
    rows[Math.max(0, Math.min(rows.length - 1, place + delta))]?.focus();
  }

  private move(from: number, to: number, focusKey: string): void {
    if (to < 0 || to >= this.order.length || from === to) return;
    const line = this.order[from];
    this.order = moveItem(this.order, from, to);
    this.render();
    (this.body.querySelector(`[data-focus-key="${focusKey}"]`) as HTMLElement | null)?.focus();
    const text = this.puzzle?.lines[line].text ?? '';
    this.announcer.textContent = `Moved ${text} to place ${to + 1} of ${this.order.length}.`;
  }

  private reveal(): void {
    if (!this.puzzle) return;
    this.marks = markAnswer(this.puzzle.lines, this.order);
    this.render();
    this.announcer.textContent = resultSentence(this.marks);
    this.body.querySelector<HTMLElement>('.result')?.focus();
  }

  private reshuffle(): void {
    if (!this.puzzle) return;
    this.order = shuffledOrder(this.puzzle.lines, freshSeed()) ?? this.order;
    this.marks = undefined;
    this.render();
    this.body.querySelector<HTMLElement>('li.line')?.focus();
  }

  private snapshot(id: number): FromPredictPage {
    const puzzle = this.puzzle;
    return {
      type: 'snapshot',
      id,
      state: puzzle?.state ?? 'waiting',
      lines: puzzle ? this.order.map((i) => puzzle.lines[i].text) : [],
      revealed: this.marks !== undefined,
      marks: this.marks?.map((m) => m.mark) ?? [],
      summary:
        this.marks !== undefined
          ? resultSentence(this.marks)
          : puzzle?.state === 'ready'
            ? ''
            : (puzzle?.message ?? ''),
    };
  }
}
