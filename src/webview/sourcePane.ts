/**
 * The program's source beside the timeline on the exported page (in VS Code the editor plays this
 * part): the file of the line running at the step, that line marked and scrolled into view, with the
 * words the editor shows beside it. The text is the traced program's: it is only ever set as text.
 */
import type { SourceLocation } from '../core/trace/model';
import { el } from './dom';
import { baseName } from '../core/timeline/describe';

export type Sources = Record<string, string>;

/** The embedded sources, when the page carries them in the expected shape. */
export function isSources(value: unknown): value is Sources {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((text) => typeof text === 'string');
}

export class SourcePane {
  readonly root = el('aside', { class: 'source-pane', attrs: { 'aria-label': 'Program source' } });
  private readonly caption = el('p', { class: 'source-caption', attrs: { 'aria-live': 'polite' } });
  private readonly code = el('div', { class: 'source-code', attrs: { role: 'list' } });
  private file = '';
  private lines: HTMLElement[] = [];
  private current: HTMLElement | undefined;

  constructor(
    private readonly sources: Sources,
    private readonly entry: string,
  ) {
    this.root.append(this.caption, this.code);
    this.showFile(entry in sources ? entry : (Object.keys(sources)[0] ?? ''));
    this.caption.textContent = `${baseName(this.file)}: no line runs at this step`;
  }

  /** Marks `location`'s line (null: none runs at this step), saying what it does there. */
  show(location: SourceLocation | null, words: string): void {
    this.current?.classList.remove('current');
    this.current?.removeAttribute('aria-current');
    this.current = undefined;
    if (!location || !(location.file in this.sources)) {
      const why = location ? `line ${location.line} of ${baseName(location.file)}, not in this page` : 'no line runs';
      this.caption.textContent = `${baseName(this.file)}: ${why} at this step`;
      return;
    }
    if (location.file !== this.file) this.showFile(location.file);
    const line = this.lines[location.line - 1];
    if (!line) return;
    line.classList.add('current');
    line.setAttribute('aria-current', 'true');
    this.current = line;
    this.caption.textContent = `${baseName(this.file)}:${location.line}${words ? ` ${words}` : ''}`;
    line.scrollIntoView({ block: 'nearest' });
  }

  private showFile(file: string): void {
    this.file = file;
    const text = this.sources[file] ?? '';
    this.lines = text
      .split(/\r?\n/)
      .map((content, i) =>
        el(
          'div',
          { class: 'source-line', attrs: { role: 'listitem' } },
          el('span', { class: 'source-number', text: String(i + 1), attrs: { 'aria-hidden': 'true' } }),
          el('code', { text: content }),
        ),
      );
    this.code.replaceChildren(...this.lines);
  }
}
