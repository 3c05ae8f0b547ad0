/**
 * What a window reload hands back to the host of a "Predict the order" panel: the page's saved state,
 * read only when it holds a puzzle the protocol accepts (core/predict/protocol.ts `savedPuzzle`).
 */
import * as assert from 'node:assert';
import { savedPuzzle } from '../../../../src/core/predict/protocol';
import type { PredictPuzzle } from '../../../../src/core/predict/puzzle';

const puzzle: PredictPuzzle = {
  file: '/work/app.js',
  state: 'ready',
  lines: [
    { text: 'a', stream: 'stdout', step: 2, task: 'script', job: 'main script', why: null, unordered: false },
    { text: 'b', stream: 'stdout', step: 5, task: 'nextTick', job: 'process.nextTick', why: null, unordered: false },
  ],
  notes: [],
};

describe('predict: the state a reload restores', () => {
  it('gives back the puzzle and its revision from the saved state', () => {
    assert.deepStrictEqual(savedPuzzle({ revision: 3, order: [1, 0], revealed: true, puzzle }), {
      puzzle,
      revision: 3,
    });
  });

  it('reads nothing from a state without a valid puzzle (an older page, or none)', () => {
    assert.strictEqual(savedPuzzle(undefined), undefined);
    assert.strictEqual(savedPuzzle({ revision: 3, order: [1, 0], revealed: false }), undefined);
    assert.strictEqual(savedPuzzle({ revision: -1, puzzle }), undefined);
    assert.strictEqual(savedPuzzle({ revision: 3, puzzle: { ...puzzle, lines: [{ text: 1 }] } }), undefined);
  });
});
