/**
 * Markdown for hovers made from traced user data. Values and reasons come from the traced program, so
 * they are shown as inert text: code spans for values, escaped text elsewhere, never raw.
 */
import { oneLine } from '../trace/valueText';

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
