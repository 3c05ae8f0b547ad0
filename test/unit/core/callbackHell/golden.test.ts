import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, fixAll, scriptKindOf, type Style } from '../../../../src/core/callbackHell';
import { goldenCases } from '../../../shared/callbackHellHelpers';

const update = process.env.UPDATE_GOLDEN === '1';

describe('callback-hell golden rewrites (UPDATE_GOLDEN=1 regenerates)', () => {
  for (const c of goldenCases()) {
    for (const style of ['then', 'async'] as Style[]) {
      it(`${c.name}: ${style}`, () => {
        const text = readFileSync(c.input, 'utf8');
        const kind = scriptKindOf(c.input) ?? 'JS';
        const result = fixAll(text, kind, style);
        const output = join(c.dir, `output.${style}.${c.ext}`);
        const reason = join(c.dir, `reason.${style}.txt`);
        if (update) {
          for (const stale of [output, reason]) if (existsSync(stale)) unlinkSync(stale);
          if (result.fixed > 0) writeFileSync(output, result.text);
          else writeFileSync(reason, result.declined.map((d) => `line ${d.line}: ${d.reason}\n`).join(''));
        }
        if (result.fixed > 0) {
          assert.ok(existsSync(output), `expected a decline (${reason}) but the fix applied`);
          assert.equal(result.text, readFileSync(output, 'utf8'));
          assert.deepEqual(analyze(result.text, kind).parsed.errors, [], 'the rewrite parses');
          const again = fixAll(result.text, kind, style);
          assert.equal(again.fixed, 0, 'fixing the output again changes nothing');
          assert.equal(again.text, result.text);
        } else {
          assert.ok(
            existsSync(reason),
            `expected a rewrite (${output}) but the fix declined: ${result.declined.map((d) => d.reason).join('; ')}`,
          );
          assert.ok(result.declined.length > 0, 'a decline always says why');
          assert.equal(
            result.declined.map((d) => `line ${d.line}: ${d.reason}\n`).join(''),
            readFileSync(reason, 'utf8'),
          );
        }
      });
    }
  }
});
