/**
 * A value preview as text, the one way every view writes it (the timeline, the hover, the end-of-line
 * notes, the text format and the "why now" sentences): an ellipsis where the runtime cut the value.
 */
import type { ValuePreview } from './model';

/** Text on one line: line breaks as ` ⏎ ` (they would end a code span, a table cell or a text line). */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ⏎ ');
}

/** At most `max` characters, marking a cut with an ellipsis. */
export function bound(text: string, max: number, truncated = false): string {
  if (text.length > max) return `${text.slice(0, max - 1)}…`;
  return truncated ? `${text}…` : text;
}

/** The preview's text, `…` where the runtime cut it; with `max`, on one line and at most `max` characters. */
export function valueText(value: ValuePreview | null | undefined, max?: number): string {
  if (!value) return '';
  if (max === undefined) return value.truncated ? `${value.text}…` : value.text;
  return bound(oneLine(value.text), max, value.truncated === true);
}
