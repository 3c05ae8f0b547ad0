// How edits after a trace move end-of-line notes, or make them stale.
import * as assert from 'node:assert/strict';
import {
  shiftLine,
  shiftLineThrough,
  shiftNotes,
  type LineEdit,
  type LineNote,
} from '../../../../src/core/hover/lines';

const insert = (line: number, character: number, text: string, endsAtLineEnd = false): LineEdit => ({
  startLine: line,
  startCharacter: character,
  endLine: line,
  endCharacter: character,
  text,
  endsAtLineEnd,
});
const replace = (
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
  text: string,
): LineEdit => ({
  startLine,
  startCharacter,
  endLine,
  endCharacter,
  text,
});

describe('hover: lines through edits', () => {
  it('moves lines below an insertion and keeps lines above it', () => {
    assert.equal(shiftLine(10, insert(2, 0, 'a\nb\n')), 12);
    assert.equal(shiftLine(1, insert(2, 0, 'a\nb\n')), 1);
  });

  it('keeps a line whole when whole lines are inserted or deleted in front of it', () => {
    assert.equal(shiftLine(5, insert(5, 0, '// note\n')), 6);
    assert.equal(shiftLine(5, replace(3, 0, 5, 0, '')), 3);
    assert.equal(shiftLine(5, replace(4, 7, 5, 0, '')), undefined, 'joined to the line above');
    assert.equal(shiftLine(5, insert(5, 0, '  ')), undefined, 'indented: its columns moved');
  });

  it('marks a line edited in its text as changed', () => {
    assert.equal(shiftLine(5, insert(5, 3, 'x')), undefined);
    assert.equal(shiftLine(5, replace(4, 2, 6, 1, 'y')), undefined);
  });

  it('keeps a line when Enter is pressed at its end', () => {
    assert.equal(shiftLine(5, insert(5, 20, '\n  ', true)), 5);
    assert.equal(shiftLine(6, insert(5, 20, '\n  ', true)), 7);
    assert.equal(shiftLine(5, insert(5, 20, ' // why', true)), undefined);
  });

  it('follows a line through several edits, and never back from changed', () => {
    assert.equal(shiftLineThrough(4, [insert(0, 0, '\n'), replace(1, 0, 2, 0, ''), insert(9, 0, 'x\n')]), 4);
    assert.equal(shiftLineThrough(4, [insert(4, 1, 'x'), insert(0, 0, '\n')]), undefined);
  });

  it('moves notes with their lines and marks edited ones stale', () => {
    const notes: LineNote[] = [
      { line: 1, text: '→ fulfilled 1', stale: false },
      { line: 4, text: '✗ rejected: Error: boom', stale: false },
      { line: 8, text: '⏳ pending', stale: false },
    ];
    const after = shiftNotes(notes, replace(4, 2, 4, 5, 'abc\ndef'));
    assert.deepEqual(after, [
      { line: 1, text: '→ fulfilled 1', stale: false },
      { line: 4, text: '✗ rejected: Error: boom', stale: true },
      { line: 9, text: '⏳ pending', stale: false },
    ]);
    // Deleting the stale note's lines keeps it inside what replaced them.
    const deleted = shiftNotes(after, replace(3, 0, 7, 0, ''));
    assert.deepEqual(
      deleted.map((n) => [n.line, n.stale]),
      [
        [1, false],
        [3, true],
        [5, false],
      ],
    );
  });
});
