// The core/syntax helpers the callback-hell rules read through, where they differ from their neighbours.
import * as assert from 'node:assert/strict';
import { referencedNames, referencesTo } from '../../../../src/core/syntax/names';
import { calleeName, dottedFirstName, dottedLastName } from '../../../../src/core/syntax/nodes';
import { documentKind, parse, scriptKindOf, withParents } from '../../../../src/core/syntax/parse';
import { typescript, type TS } from '../../../../src/core/syntax/typescript';
import { templateRanges } from '../../../../src/core/callbackHell/text';

/** Every call of a parsed text, in source order (the tree with its parent pointers). */
function callsOf(text: string): { sf: TS.SourceFile; calls: TS.CallExpression[] } {
  const ts = typescript();
  const sf = withParents(parse(text).sourceFile);
  const calls: TS.CallExpression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { sf, calls };
}

describe('callback hell: the syntax layer it reads through', () => {
  it('reads callees by dotted names only, where calleeName also sees through parentheses, casts and o["m"]', () => {
    const { calls } = callsOf(`fs.readFile(a); (fs.stat)(b); o['m'](c); describe.only(d); (f as any)(e);`);
    assert.deepEqual(
      calls.map((c) => calleeName(c)),
      ['readFile', 'stat', 'm', 'only', 'f'],
    );
    assert.deepEqual(
      calls.map((c) => dottedLastName(c.expression)),
      ['readFile', undefined, undefined, 'only', undefined],
    );
    assert.deepEqual(
      calls.map((c) => dottedFirstName(c.expression)),
      ['fs', undefined, undefined, 'describe', undefined],
    );
  });

  it('finds the reads of one name as the map of every name does, and can leave out functions that bind it', () => {
    const text = [
      'let err = 1;',
      'use(err, o.err, { err: 2 });',
      'f((err, v) => err + v);',
      'g(function err() { return err; });',
      'h((x) => { label: for (;;) break label; return err; });',
    ].join('\n');
    const sf = withParents(parse(text).sourceFile);
    const all = referencesTo(sf, 'err');
    assert.deepEqual(all, referencedNames(sf).get('err'));
    // The declaration, the argument, the arrow's parameter and read, the function's name and read, the last read.
    assert.equal(all.length, 7);
    const outer = referencesTo(sf, 'err', true);
    const lines = outer.map((id) => sf.getLineAndCharacterOfPosition(id.getStart(sf)).line);
    assert.deepEqual(lines, [0, 1, 4]);
  });

  it('reads multi-line literals in a statement and around it, as a walk of the whole file finds them there', () => {
    const text = ['const a = `one', 'two`;', 'const b = `${(() => {', '  run(`x', 'y`);', '})()}`;'].join('\n');
    const ts = typescript();
    const sf = withParents(parse(text).sourceFile);
    const whole = templateRanges(sf);
    assert.equal(whole.length, 3);
    let inner: TS.Node | undefined;
    const visit = (node: TS.Node): void => {
      if (ts.isExpressionStatement(node) && !inner) inner = node;
      ts.forEachChild(node, visit);
    };
    visit(sf.statements[1]);
    assert.ok(inner);
    // Inside the template's `${...}`: the template around it and the one inside it, not the first statement's.
    assert.deepEqual(templateRanges(sf, inner), whole.slice(1));
  });

  it('has one language mapping for file names and editor languages', () => {
    assert.equal(scriptKindOf('a.cts'), 'TS');
    assert.equal(scriptKindOf('javascriptreact'), 'JSX');
    assert.equal(scriptKindOf('constructor'), undefined);
    assert.equal(documentKind('/w/a.ts', 'javascript'), 'JS');
    assert.equal(documentKind('/w/a.ts', 'plaintext'), 'TS');
    assert.equal(documentKind('/w/README'), 'JS');
    const parsed = parse('let x = ;', 'TS');
    assert.equal(parsed.kind, 'TS');
    assert.ok(parsed.errors.length > 0);
  });
});
