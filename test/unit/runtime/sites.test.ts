import * as assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { tokenizer } from 'acorn';
import { instrumentScript, lineStartsOf, originalColumn } from '../../../src/loader/sites';
import { originalColumn as runtimeColumn, SiteTable } from '../../../src/runtime/sites';
import { SiteKind } from '../../../src/wire/sites';

const SAMPLE = `'use strict';
const p = Promise.resolve(1), h = (v) => v;
p.then(h).catch(h).finally(h);
p
  .catch /* c */ (h);
async function f(x) {
  await x;
  const y = await 5;
  y ? await x : 0;
  return await x;
}
p.then(h());
p?.then(h);
a?.b.then(h);
`;

/** The instrumented text run with helpers that record what they were handed. */
function run(code: string): { calls: [string, unknown, number][] } {
  const calls: [string, unknown, number][] = [];
  const helper =
    (name: string) =>
    (site: number, v: unknown): unknown => {
      calls.push([name, v, site]);
      return v;
    };
  const state = { t: helper('t'), c: helper('c'), f: helper('f'), a: helper('a') };
  runInNewContext(code, { module: { __pl$S: state }, a: undefined, Promise });
  return { calls };
}

describe('loader sites: the rewritten text', () => {
  const result = instrumentScript(SAMPLE, () => 10);
  assert.ok(result);

  it('gives a site to then/catch/finally with plain arguments and to statement awaits, at the place V8 names', () => {
    const sites = result.sites.map((s) => `${s.kind} ${s.line}:${s.column}`);
    assert.deepEqual(sites, [
      // In `p.then(h).catch(h).finally(h)` only `then` has a receiver that can be read again.
      `${SiteKind.then} 3:3`,
      // catch/finally at `(`, past blanks and comments.
      `${SiteKind.catch} 5:18`,
      `${SiteKind.await} 7:3`,
      `${SiteKind.await} 8:13`,
      `${SiteKind.await} 10:3`,
    ]);
  });

  it('leaves the directive first, every line where it was, and runs as the source does', () => {
    assert.ok(result.code.startsWith(`'use strict';var __pl$S=module.__pl$S;`));
    assert.equal(lineStartsOf(result.code).length, lineStartsOf(SAMPLE).length);
    const { calls } = run(result.code);
    // Receivers handed over with their sites; the argument that runs code and the optional chains get none.
    assert.deepEqual(
      calls.map(([name, , site]) => `${name}${site}`),
      ['t10', 'c11'],
    );
  });

  it("positions: each site's offset in the rewritten text is that place's, and every token's column maps back", () => {
    for (const site of result.sites) {
      const start = lineStartsOf(SAMPLE)[site.line - 1] + site.column - 1;
      const word = /^\w+|^\(/.exec(SAMPLE.slice(start))?.[0] ?? '';
      assert.equal(result.code.slice(site.position, site.position + word.length), word);
    }
    const codeLines = lineStartsOf(result.code);
    const sourceLines = lineStartsOf(SAMPLE);
    let checked = 0;
    for (const token of tokenizer(SAMPLE, { ecmaVersion: 'latest' })) {
      const line = sourceLines.findLastIndex((s) => s <= token.start);
      const column = token.start - sourceLines[line];
      // Where the token is in the rewritten line: found by its text, after the inserted helpers.
      const moved = result.shifts.get(line);
      let generated = column;
      for (const shift of moved ?? []) if (shift.column <= generated) generated += shift.length;
      const text = SAMPLE.slice(token.start, token.end);
      assert.equal(result.code.slice(codeLines[line] + generated, codeLines[line] + generated + text.length), text);
      assert.equal(originalColumn(moved, generated), column);
      assert.equal(runtimeColumn(moved, generated + 1), column + 1);
      checked++;
    }
    assert.ok(checked > 50);
  });

  it("gives back a rewritten function's source text (Function.prototype.toString)", () => {
    const table = new SiteTable(() => 1);
    const base = table.reserve(result.sites.length);
    assert.equal(base, 1);
    const again = instrumentScript(SAMPLE, () => base);
    assert.ok(again);
    table.define('/x/sample.js', again.base, again.sites, [...again.shifts], again.inserted);
    const fn = /async function f[\s\S]*?\n}/;
    const rewritten = fn.exec(again.code)?.[0] ?? '';
    assert.ok(rewritten.includes('__pl$S.a('), rewritten);
    assert.equal(table.originalText(rewritten), fn.exec(SAMPLE)?.[0]);
    const line = again.code.split('\n')[2];
    assert.equal(table.originalText(line), SAMPLE.split('\n')[2]);
    assert.equal(table.originalText('function plain() {}'), null);
  });

  it('gives `new Promise(executor)` a site at `new`', () => {
    const made = instrumentScript('x = 1; new Promise((r) => r(1));\nnew Promise();', () => 3);
    assert.deepEqual(
      made?.sites.map((s) => `${s.kind} ${s.line}:${s.column}`),
      [`${SiteKind.new} 1:8`],
    );
    assert.ok(made?.code.includes('new Promise((__pl$S.n(3,Promise),(r) => r(1)));'));
  });

  it('leaves alone a file that does not parse, names the helper, or replaces `module`', () => {
    assert.equal(
      instrumentScript('p.then(', () => 1),
      null,
    );
    assert.equal(
      instrumentScript('var __pl$S; p.then(h);', () => 1),
      null,
    );
    assert.equal(
      instrumentScript('function module() {} p.then(h);', () => 1),
      null,
    );
  });
});
