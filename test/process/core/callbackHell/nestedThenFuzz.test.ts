import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, fixAll } from '../../../../src/core/callbackHell';
import { random, run } from '../../../shared/callbackHellHelpers';

/**
 * Generates nested `.then` pyramids (random depth, concise or block handlers, consts at the top of a
 * handler, the chain a function's `return` or an arrow's concise body, inner handlers reading random values from the handlers above, a name the module also
 * declares, a rejection at a random level or none) run twice at once, and checks that every one is
 * flattened, parses, holds no nested chain, and prints what the original printed. Seeded:
 * FUZZ_SEED and FUZZ_RUNS pick other programs, more of them.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);

function program(rand: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const depth = 2 + Math.floor(rand() * 3);
  const fail = pick([-1, -1, ...Array.from({ length: depth + 1 }, (_, i) => i)]);
  const shadowed = rand() < 0.3;
  // The chain as an arrow's concise body: the arrow gets a block body that declares the carried values.
  const arrow = rand() < 0.4;
  // The names each level can read: the parameters and consts of the levels above it.
  const seen: string[] = [];
  const reads = (): string => {
    const chosen = seen.filter(() => rand() < 0.5);
    return chosen.length > 0 ? chosen.join(' + ') : '0';
  };
  let body = '';
  const close: string[] = [];
  for (let level = 0; level < depth; level++) {
    const param = `v${level}`;
    seen.push(param);
    const block = rand() < 0.6;
    const declare = block && rand() < 0.5 ? `const c${level} = ${param} * 2 + ${level};` : '';
    const next = `wait(${reads()} + ${level + 1}, ${level + 1}, id)`;
    if (declare) seen.push(`c${level}`);
    const log = block ? `console.log(id, 'level ${level}', ${seen.join(', ')});` : '';
    if (block) {
      body += `.then((${param}) => {\n${declare}\n${log}\nreturn ${next}`;
      close.unshift(';\n})');
    } else {
      body += `.then((${param}) => ${next}`;
      close.unshift(')');
    }
  }
  const last = `.then((last) => [id, last, ${seen.join(', ')}])`;
  return `const FAIL = ${fail};
${shadowed ? "const v0 = 'module v0';\n" : ''}const wait = (value, level, id) =>
  new Promise((resolve, reject) =>
    setTimeout(() => (level === FAIL ? reject(new Error('level ' + level + ' failed for ' + id)) : resolve(value)), 2),
  );
${
  arrow
    ? `const run = (id) => wait(id * 10, 0, id)${body}${last}${close.join('')};`
    : `function run(id) {
  return wait(id * 10, 0, id)${body}${last}${close.join('')};
}`
}
for (const id of [1, 2])
  run(id).then(
    (value) => console.log('resolved', JSON.stringify(value)${shadowed ? ', v0' : ''}),
    (error) => console.log('rejected', error.message),
  );
`;
}

describe('nested .then fuzz: flattened pyramids with carried values print what the originals printed', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'promise-lens-nested-fuzz-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const rand = random(SEED);
  for (let i = 0; i < RUNS; i++) {
    const text = program(rand);
    it(`program ${i} (seed ${SEED})`, () => {
      assert.equal(analyze(text).findings.filter((f) => f.rule === 'nested-then').length, 1, text);
      const result = fixAll(text, 'JS', 'then');
      assert.equal(result.fixed, 1, `${result.declined.map((d) => d.reason).join('; ')}\n${text}`);
      const after = analyze(result.text);
      assert.deepEqual(after.parsed.errors, [], result.text);
      assert.equal(after.findings.length, 0, `still nested:\n${result.text}`);
      const original = join(dir, `original-${i}.js`);
      const flat = join(dir, `flat-${i}.js`);
      writeFileSync(original, text);
      writeFileSync(flat, result.text);
      const before = run(original);
      const now = run(flat);
      assert.ok(before.stdout.includes('resolved') || before.stdout.includes('rejected'), before.stderr);
      assert.equal(now.stdout, before.stdout, `${text}\n---\n${result.text}`);
      assert.equal(now.status, before.status);
    });
  }
});
