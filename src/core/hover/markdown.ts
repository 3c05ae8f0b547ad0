/**
 * Markdown for hovers made from traced user data. Values and reasons come from the traced program, so
 * they are shown as inert text: code spans for values, escaped text elsewhere, never raw.
 */

/** Escapes every ASCII punctuation character, so no text of the program becomes a link, markup or icon. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** A code span around `text`, whatever backticks it contains; code spans are never parsed further. */
export function inlineCode(text: string): string {
  const flat = oneLine(text);
  if (flat === '') return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text on one line: line breaks would end a code span or start a Markdown block. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ⏎ ');
}

/** At most `max` characters, marking a cut with an ellipsis. */
export function bound(text: string, max: number, truncated = false): string {
  if (text.length > max) return `${text.slice(0, max - 1)}…`;
  return truncated ? `${text}…` : text;
}
