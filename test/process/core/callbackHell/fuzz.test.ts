import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, fixAll, type Style } from '../../../../src/core/callbackHell';
import { errorLine, random, run } from '../../../shared/callbackHellHelpers';

/**
 * Generates nested-callback programs (random depth, error handling, statements before the error check,
 * closures, extra statements, returns before the next level, and
 * sometimes a callee that calls back synchronously, twice or before more code) and checks that every
 * fix parses, is flat, is stable, and prints what the original printed, and that the planted unsafe
 * callees are declined. Seeded and bounded: FUZZ_SEED and FUZZ_RUNS pick other programs, more of them.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

type Behaviour = 'async' | 'sync' | 'twice' | 'after';

interface Program {
  text: string;
  /** The planted callee that no fix may accept, if any. */
  unsafe: Behaviour | undefined;
  /** The level of the planted callee (-1: none). */
  plantAt: number;
  /** Two levels declare `k`: one async function can't hold both, so async/await may decline. */
  shared: boolean;
  /** A level starts in one branch of an `if`: async/await declines, or takes a run of levels. */
  branched: boolean;
  /** The error branches differ between levels, so only async/await can keep them. */
  differing: boolean;
}

export function generate(rand: () => number): Program {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const depth = 3 + Math.floor(rand() * 4);
  const plantAt = rand() < 0.25 ? Math.floor(rand() * depth) : -1;
  const planted: Behaviour = pick(['sync', 'twice', 'after']);
  const failAt = rand() < 0.4 ? Math.floor(rand() * depth) : -1;
  const differing = rand() < 0.3;
  // Sometimes the innermost step throws (JSON.parse of bad text): it must stay an uncaught exception.
  const throws = rand() < 0.15;
  const helpers: string[] = [];
  const levels: Array<{ errorFirst: boolean; values: string[]; err: string; local?: string }> = [];
  for (let i = 0; i < depth; i++) {
    const errorFirst = rand() < 0.5;
    const count = errorFirst ? Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2);
    const values = Array.from({ length: count }, (_, k) => `${k === 0 ? 'v' : 'w'}${i}`);
    const produced = values.map((_, k) => `x + '.${i}${k}'`);
    const result = errorFirst ? ['null', ...produced].join(', ') : produced.join(', ');
    const call = i === failAt && errorFirst ? `callback(new Error('boom ${i}'))` : `callback(${result})`;
    const delay = 1 + Math.floor(rand() * 4);
    const behaviour: Behaviour = i === plantAt ? planted : 'async';
    const body = {
      async: `setTimeout(() => ${call}, ${delay});`,
      sync: `${call};`,
      twice: `setTimeout(() => {\n    ${call};\n    ${call};\n  }, ${delay});`,
      after: `setTimeout(() => {\n    ${call};\n    console.log('callee ${i} done');\n  }, ${delay});`,
    }[behaviour];
    helpers.push(`function step${i}(x, callback) {\n  ${body}\n}`);
    // A local is sometimes plain `k`, so later levels declare a name earlier ones used (renamed by `.then`).
    const local = rand() < 0.4 ? (rand() < 0.4 ? 'k' : `k${i}`) : undefined;
    levels.push({ errorFirst, values, err: pick(['err', 'error']), local });
  }

  const lines: string[] = [];
  const seen: string[] = [];
  let branched = false;
  const emit = (i: number, indent: string): void => {
    const level = levels[i];
    const params = level.errorFirst ? [level.err, ...level.values] : level.values;
    const arg = i === 0 ? `'start'` : (seen[seen.length - 1] ?? `'none'`);
    const style = rand() < 0.5;
    lines.push(
      `${indent}step${i}(${arg}, ${style ? `function (${params.join(', ')})` : `(${params.join(', ')}) =>`} {`,
    );
    const inner = `${indent}  `;
    if (level.errorFirst) {
      // Sometimes a statement before the check, which runs on error too.
      if (rand() < 0.25) lines.push(`${inner}console.log('called back ${i}', ${level.err} ? 'with an error' : 'ok');`);
      const text = differing ? `'level ${i} failed:'` : `'failed:'`;
      // Sometimes a guard: `if (err || !v)` runs on every error and on a missing value.
      const check = level.values.length > 0 && rand() < 0.3 ? `${level.err} || !${level.values[0]}` : level.err;
      lines.push(
        `${inner}if (${check}) {`,
        `${inner}  console.log(${text}, ${level.err} ? ${level.err}.message : 'no value');`,
        `${inner}  return;`,
        `${inner}}`,
      );
    }
    seen.push(...level.values);
    // A shared `k` is declared before anything reads it: a read before would be the original's own error.
    if (level.local === 'k') {
      lines.push(`${inner}const k = ${level.values[0] ?? `'${i}'`} + '!';`);
      seen.push('k');
    }
    if (rand() < 0.6) lines.push(`${inner}console.log('level ${i}', ${seen.length ? seen.join(', ') : `'-'`});`);
    if (level.local && level.local !== 'k') {
      lines.push(`${inner}const ${level.local} = ${level.values[0] ?? `'${i}'`} + '!';`);
      seen.push(level.local);
    }
    if (i + 1 < levels.length) {
      // Sometimes the level returns before starting the next one (the chain must end there too).
      if (rand() < 0.3) {
        const value = seen[seen.length - 1] ?? `'${i}'`;
        lines.push(
          rand() < 0.5
            ? `${inner}if (String(${value}).length % 3 === 0) return console.log('stopped at ${i}');`
            : `${inner}if (String(${value}).length % 3 === 1) {\n${inner}  console.log('stopped at ${i}');\n${inner}  return;\n${inner}}`,
        );
      }
      if (rand() < 0.2) {
        // Sometimes the next level starts in one branch of an `if`; the other branch ends the pyramid.
        branched = true;
        const value = seen[seen.length - 1] ?? `'${i}'`;
        lines.push(`${inner}if (String(${value}).length % 4 !== 2) {`);
        emit(i + 1, `${inner}  `);
        lines.push(`${inner}} else {`, `${inner}  console.log('other branch at ${i}');`, `${inner}}`);
      } else {
        emit(i + 1, inner);
        if (rand() < 0.4) lines.push(`${inner}console.log('after starting level ${i + 1}');`);
      }
    } else {
      if (throws) lines.push(`${inner}JSON.parse('{bad');`);
      lines.push(`${inner}console.log('done', ${seen.join(', ') || `'-'`});`);
    }
    lines.push(`${indent}});`);
  };
  emit(0, '');
  if (rand() < 0.5) lines.push(`console.log('pyramid started');`);
  return {
    text: `${helpers.join('\n')}\n\n${lines.join('\n')}\n`,
    shared: levels.filter((l) => l.local === 'k').length > 1,
    branched,
    unsafe: plantAt >= 0 ? planted : undefined,
    plantAt,
    differing: differing && levels.filter((l) => l.errorFirst).length > 1,
  };
}

describe(`callback-hell fuzzer (seed ${SEED}, ${RUNS} programs)`, function () {
  // Each program runs under Node three times; a busy machine makes that slow, not wrong.
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'promise-lens-fuzz-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const rand = random(SEED);
  for (let n = 0; n < RUNS; n++) {
    const program = generate(rand);
    it(`program ${n}${program.unsafe ? ` (callee calls back ${program.unsafe})` : ''}${program.differing ? ' (error branches differ)' : ''}`, () => {
      const original = join(dir, `p${n}.js`);
      writeFileSync(original, program.text);
      const expected = run(original);
      assert.equal(
        analyze(program.text, 'JS').findings.filter((f) => f.rule === 'callback-hell').length,
        1,
        program.text,
      );
      for (const style of ['then', 'async'] as Style[]) {
        const result = fixAll(program.text, 'JS', style);
        const declinedWhy = result.declined.map((d) => d.reason).join('; ');
        if (program.unsafe) {
          // The planted callee is never made a promise: either nothing is rewritten and the reason names it,
          // or a run of the levels around it is, and its call keeps its callback as written.
          const planted = program.text.match(new RegExp(`\\n *(step${program.plantAt}\\(.*)\\n`))![1];
          if (result.fixed === 0) {
            assert.match(declinedWhy, /step\d/, 'the reason names the callee');
            continue;
          }
          assert.ok(
            result.text.includes(planted),
            `the unsafe callee (${program.unsafe}) was rewritten:\n${result.text}`,
          );
        } else if (style === 'async' && program.shared && result.fixed === 0) {
          // The shared `k`, or an error name two levels use: a callback whose check is not first is
          // success-only, and its `err`/`error` is a value the level declares.
          assert.match(declinedWhy, /`(k|err|error)` is declared at level \d+ and at level \d+/);
          continue;
        } else if (style === 'async' && program.branched && result.fixed === 0) {
          assert.match(declinedWhy, /is declared at level/);
          continue;
        } else {
          assert.equal(result.fixed, 1, `${style} declined: ${declinedWhy}\n${program.text}`);
        }
        // A run of levels (around a planted callee, or async/await beside a shared `k`) is held to the rule's own limit.
        const after = analyze(
          result.text,
          'JS',
          program.unsafe || (style === 'async' && (program.shared || program.branched)) ? 3 : 2,
        );
        assert.deepEqual(after.parsed.errors, [], `${style} output does not parse:\n${result.text}`);
        assert.deepEqual(
          after.findings.filter((f) => f.rule === 'callback-hell'),
          [],
          `${style} output is not flat:\n${result.text}`,
        );
        const again = fixAll(result.text, 'JS', style);
        assert.equal(again.text, result.text, `${style}: fixing the output changed it`);
        const file = join(dir, `p${n}.${style}.js`);
        writeFileSync(file, result.text);
        const actual = run(file);
        assert.equal(
          actual.stdout,
          expected.stdout,
          `${style} prints differently:\n${program.text}\n---\n${result.text}`,
        );
        assert.equal(actual.status, expected.status);
        assert.equal(
          errorLine(actual.stderr),
          errorLine(expected.stderr),
          `${style}: a different error reaches the top`,
        );
      }
    });
  }
});
