// The resolver behind handler locations, on sources alone: where it must stop and say "unknown".
import * as assert from 'node:assert/strict';
import type * as TS from 'typescript';
import { Scopes } from '../../../../src/core/syntax/scope';
import { parseSource } from '../../../../src/core/syntax/parse';
import { typescript } from '../../../../src/core/syntax/typescript';
import { functionOf, type OpenedSource } from '../../../../src/core/locate/functionOf';

/** Files by path; `resolve(path, argument)` follows the first argument of the call `argument(`. */
function project(files: Record<string, string>) {
  const opened = new Map<string, OpenedSource>();
  const open = (file: string): OpenedSource | undefined => {
    if (!(file in files)) return undefined;
    let source = opened.get(file);
    if (!source) {
      source = { file, sourceFile: parseSource(files[file], file).sourceFile, scopes: new Scopes() };
      opened.set(file, source);
    }
    return source;
  };
  return (file: string, call: string): string | undefined => {
    const source = open(file);
    assert.ok(source);
    const ts = typescript();
    let argument: TS.Expression | undefined;
    const visit = (node: TS.Node): void => {
      if (!argument && ts.isCallExpression(node) && node.getText(source.sourceFile) === call)
        argument = node.arguments[0];
      ts.forEachChild(node, visit);
    };
    visit(source.sourceFile);
    assert.ok(argument, `${call} is in ${file}`);
    const found = functionOf(argument, source, open);
    if (!found) return undefined;
    const { line } = found.source.sourceFile.getLineAndCharacterOfPosition(
      found.node.getStart(found.source.sourceFile),
    );
    return `${found.source.file}:${line + 1}`;
  };
}

describe('functionOf', () => {
  it('ends on classes that extend each other and on modules that require each other', () => {
    const resolve = project({
      '/p/a.js':
        "const b = require('./b');\nexports.f = b.g;\nrun(b.g);\nclass A extends B { go() { run(this.h); } }\nclass B extends A {}\n",
      '/p/b.js': "const a = require('./a');\nexports.g = a.f;\n",
    });
    assert.equal(resolve('/p/a.js', 'run(b.g)'), undefined);
    assert.equal(resolve('/p/a.js', 'run(this.h)'), undefined);
  });

  it('finds an override at any depth below, and stops there', () => {
    const resolve = project({
      '/p/m.js':
        'class A {\n  h() {}\n  go() { run(this.h); }\n}\nclass B extends A {}\nclass C extends B {\n  h() {}\n}\n',
      '/p/n.js': 'class A {\n  h() {}\n  go() { run(this.h); }\n}\nclass B extends A {}\n',
    });
    assert.equal(resolve('/p/m.js', 'run(this.h)'), undefined);
    assert.equal(resolve('/p/n.js', 'run(this.h)'), '/p/n.js:2');
  });

  it('gives up on an object changed through Object.assign, a computed key or delete, and on a spread after the member', () => {
    const resolve = project({
      '/p/o.js': [
        'const a = { f() {} };\nObject.assign(a, {});\nrun(a.f);',
        'const b = { f() {} };\nb[key] = null;\nrun(b.f);',
        'const c = { f() {} };\ndelete c.f;\nrun(c.f);',
        'const d = { f() {}, ...other };\nrun(d.f);',
        'const e = { ...other, f() {} };\nrun(e.f);',
      ].join('\n'),
    });
    for (const name of ['a', 'b', 'c', 'd']) assert.equal(resolve('/p/o.js', `run(${name}.f)`), undefined, name);
    assert.equal(resolve('/p/o.js', 'run(e.f)'), '/p/o.js:12');
  });

  it('takes a class field over a method of the same name, as the instance does', () => {
    const resolve = project({
      '/p/f.js':
        'class A {\n  h = () => 1;\n  h() {}\n  go() { run(this.h); }\n  static s() {}\n  static k() { run(this.s); }\n}\n',
    });
    assert.equal(resolve('/p/f.js', 'run(this.h)'), '/p/f.js:2');
    assert.equal(resolve('/p/f.js', 'run(this.s)'), '/p/f.js:5');
  });

  it('keeps a function listed in an array or an object as a value, and drops one destructured into again', () => {
    const resolve = project({
      '/p/v.js': 'function f() {}\nconst list = [f, { f }];\nrun(f);\nfunction g() {}\n[g] = list;\nrun(g);\n',
    });
    assert.equal(resolve('/p/v.js', 'run(f)'), '/p/v.js:1');
    assert.equal(resolve('/p/v.js', 'run(g)'), undefined);
  });
});
