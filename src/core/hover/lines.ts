/**
 * How edits made after a trace move the lines the trace talks about. Lines here are 0-based, as the
 * editor counts them; trace locations are 1-based and are converted where they are read.
 */

/** One text replacement, in the coordinates of the document just before it was applied. */
export interface LineEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  /** The text that replaced the range. */
  text: string;
  /** True when the range ended at the end of its line (so text after it on that line was untouched). */
  endsAtLineEnd?: boolean;
}

/** Where line `line` is after `edit`, or undefined when the edit changed that line's own text. */
export function shiftLine(line: number, edit: LineEdit): number | undefined {
  const segments = edit.text.split('\n');
  const added = segments.length - 1;
  const removed = edit.endLine - edit.startLine;
  if (edit.endLine < line) return line + added - removed;
  if (edit.startLine > line) return line;
  if (edit.endLine === line && edit.endCharacter === 0) {
    // The edit ends where the line begins: the line is intact when nothing is left in front of it
    // (columns matter to the hover, so even added indentation counts as a change).
    const inFront = added > 0 ? segments[added] : edit.startCharacter === 0 ? edit.text : 'text';
    return inFront === '' ? edit.startLine + added : undefined;
  }
  if (
    edit.startLine === line &&
    edit.endLine === line &&
    edit.endsAtLineEnd === true &&
    edit.startCharacter === edit.endCharacter
  ) {
    // Typing Enter (or blank space) after the end of the line leaves its text as it was.
    if (segments[0].trim() === '') return line;
  }
  return undefined;
}

/** A line through several edits in order; undefined once any of them changed it. */
export function shiftLineThrough(line: number, edits: readonly LineEdit[]): number | undefined {
  let current: number | undefined = line;
  for (const edit of edits) {
    if (current === undefined) return undefined;
    current = shiftLine(current, edit);
  }
  return current;
}

/** Something shown at the end of a line, e.g. `→ fulfilled 42`. */
export interface LineNote {
  line: number;
  text: string;
  /** The line was edited since the trace: what the note says may no longer hold. */
  stale: boolean;
}

/** Notes after an edit: notes below it move, notes on lines it changed become stale and stay put. */
export function shiftNotes(notes: readonly LineNote[], edit: LineEdit): LineNote[] {
  const lastLine = edit.startLine + edit.text.split('\n').length - 1;
  return notes.map((note) => {
    const moved = shiftLine(note.line, edit);
    if (moved !== undefined) return moved === note.line ? note : { ...note, line: moved };
    return { ...note, line: Math.min(Math.max(note.line, edit.startLine), lastLine), stale: true };
  });
}
