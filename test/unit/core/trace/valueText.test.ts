import * as assert from 'node:assert/strict';
import type { ValuePreview } from '../../../../src/core/trace/model';
import { valueText } from '../../../../src/core/trace/valueText';

const preview = (text: string, truncated = false): ValuePreview => ({ type: 'string', text, truncated });

describe('valueText: a value preview as every view writes it', () => {
  it('marks a value the runtime cut, and gives nothing for no value', () => {
    assert.equal(valueText(preview("'abc'")), "'abc'");
    assert.equal(valueText(preview("'abc", true)), "'abc…");
    assert.equal(valueText(null), '');
  });

  it('with a width, puts the value on one line and cuts it there', () => {
    assert.equal(valueText(preview('{\n  a: 1\n}'), 40), '{ ⏎   a: 1 ⏎ }');
    assert.equal(valueText(preview("'abcdefghij'"), 6), "'abcd…");
    assert.equal(valueText(preview("'ab", true), 10), "'ab…");
  });
});
