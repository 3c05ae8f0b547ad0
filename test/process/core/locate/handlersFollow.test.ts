// Handlers that are not written inline: methods, bound functions and imports, followed through the
// source to where they are written, and left unlocated where the source cannot settle what runs.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import type { Trace, TracePromise } from '../../../../src/core/trace/model';
import { at, distDir, tempFolder, testNode } from '../../../shared/runHelpers';

/** Where the handler of the `then` on the line of `needle` is: `file line:column`, or null. */
function handlerOf(trace: Trace, text: string, needle: string): string | null {
  const line = Number(at(text, needle).split(':')[0]);
  const user = trace.promises.filter((p) => !p.internal);
  const then = user.find((p) => p.kind === 'then' && p.location?.line === line);
  assert.ok(then, `a then promise on line ${line}`);
  const parent = user.find((p: TracePromise) => p.id === then.parent);
  const reaction = parent?.reactions.find((r) => r.child === then.id);
  assert.ok(reaction, `the reaction of the then on line ${line}`);
  const handler = reaction.handler;
  return handler ? `${handler.file} ${handler.line}:${handler.column}` : null;
}

const HELPERS = `function fromHelper(v) {
  return v;
}
exports.fromHelper = fromHelper;
exports.helpers = {
  twice(v) { return v * 2; },
};
`;
const WHOLE = `module.exports = function whole(v) {
  return v;
};
`;
const MAIN = `const { fromHelper } = require('./helpers');
const { helpers } = require('./helpers.js');
const whole = require('./whole');
const start = Promise.resolve(1);
class Cart {
  constructor() {
    this.onSaved = this.onSaved.bind(this);
  }
  save() {
    start.then(this.onSaved);
    start.then(this.onField);
    start.then(this.#secret);
  }
  onSaved(v) { return v; }
  onField = (v) => v;
  #secret = function secret(v) { return v; };
  static check(v) { return v; }
}
new Cart().save();
const api = {
  load(v) { return v; },
  store: function store(v) { return v; },
  fromHelper,
};
function plain(v) { return v; }
start.then(api.load);
start.then(api['store']);
start.then(api.fromHelper);
start.then(plain.bind(null));
start.then(Cart.check);
start.then(helpers.twice);
start.then(whole);
const changing = { run(v) { return v; } };
changing.run = (v) => v + 1;
start.then(changing.run);
class Base {
  handle(v) { return v; }
  go() { start.then(this.handle); }
}
class Derived extends Base {
  handle(v) { return v * 2; }
}
new Derived().go();
function loose() { start.then(this.handle); }
loose.call(new Base());
let later = plain;
later = (v) => v;
start.then(later);
`;

describe('handler locations followed through the source', function () {
  this.timeout(30_000);
  const folder = tempFolder();
  let trace: Trace;
  let main: string;
  before(async () => {
    folder.write('helpers.js', HELPERS);
    folder.write('whole.js', WHOLE);
    main = folder.write('main.js', MAIN);
    trace = await runTrace({ file: main, distDir, node: await testNode() });
  });
  after(() => folder.remove());

  const inMain = (needle: string): string => `${main} ${at(MAIN, needle)}`;
  const inFile = (name: string, text: string, needle: string): string =>
    `${join(folder.dir, name)} ${at(text, needle)}`;

  it('locates methods read off this: declared, bound in the constructor, class fields, private', () => {
    assert.equal(handlerOf(trace, MAIN, 'then(this.onSaved)'), inMain('onSaved(v) {'));
    assert.equal(handlerOf(trace, MAIN, 'then(this.onField)'), inMain('(v) => v;\n  #secret'));
    assert.equal(handlerOf(trace, MAIN, 'then(this.#secret)'), inMain('function secret'));
  });

  it('locates members of object literals and classes, and the function a bind runs', () => {
    assert.equal(handlerOf(trace, MAIN, 'then(api.load)'), inMain('load(v) {'));
    assert.equal(handlerOf(trace, MAIN, "then(api['store'])"), inMain('function store'));
    assert.equal(handlerOf(trace, MAIN, 'then(plain.bind(null))'), inMain('function plain'));
    assert.equal(handlerOf(trace, MAIN, 'then(Cart.check)'), inMain('static check'));
  });

  it('follows require into the files it loads', () => {
    assert.equal(handlerOf(trace, MAIN, 'then(api.fromHelper)'), inFile('helpers.js', HELPERS, 'function fromHelper'));
    assert.equal(handlerOf(trace, MAIN, 'then(helpers.twice)'), inFile('helpers.js', HELPERS, 'twice(v)'));
    assert.equal(handlerOf(trace, MAIN, 'then(whole)'), inFile('whole.js', WHOLE, 'function whole'));
  });

  it('leaves unlocated what the source cannot settle', () => {
    // The property was assigned another function; a subclass overrides the method; `this` of a plain
    // function is its caller's; the variable was assigned again.
    assert.equal(handlerOf(trace, MAIN, 'then(changing.run)'), null);
    assert.equal(handlerOf(trace, MAIN, 'go() { start.then(this.handle)'), null);
    assert.equal(handlerOf(trace, MAIN, 'loose() { start.then(this.handle)'), null);
    assert.equal(handlerOf(trace, MAIN, 'then(later)'), null);
  });
});

const LIB = `export function loaded(v) {
  return v;
}
const hidden = (v) => v;
export { hidden as renamed };
export default async function (v) {
  return v;
}
`;
const MODULE = `import { loaded, renamed } from './lib.mjs';
import * as lib from './lib.mjs';
import chosen from './lib.mjs';
const start = Promise.resolve(1);
start.then(loaded);
start.then(renamed);
start.then(lib.loaded);
start.then(chosen);
await start;
`;

describe('handler locations followed through ES module imports', function () {
  this.timeout(30_000);
  const folder = tempFolder();
  let trace: Trace;
  before(async () => {
    folder.write('lib.mjs', LIB);
    const file = folder.write('main.mjs', MODULE);
    trace = await runTrace({ file, distDir, node: await testNode() });
  });
  after(() => folder.remove());

  const inLib = (needle: string): string => `${join(folder.dir, 'lib.mjs')} ${at(LIB, needle)}`;

  it('locates named, renamed, namespace and default imports where the module writes them', () => {
    assert.equal(handlerOf(trace, MODULE, 'then(loaded)'), inLib('function loaded'));
    assert.equal(handlerOf(trace, MODULE, 'then(renamed)'), inLib('(v) => v'));
    assert.equal(handlerOf(trace, MODULE, 'then(lib.loaded)'), inLib('function loaded'));
    assert.equal(handlerOf(trace, MODULE, 'then(chosen)'), inLib('async function (v)'));
  });
});

const UTIL = `export function format(value: number): string {
  return String(value);
}
`;
const TYPED = `import { format } from './util.js';
class Report {
  private readonly start: Promise<number> = Promise.resolve(1);
  run(): void {
    this.start.then(format);
    this.start.then(this.print);
  }
  print(value: number): void {
    console.log(value);
  }
}
new Report().run();
`;

describe('handler locations followed through TypeScript imports', function () {
  this.timeout(60_000);
  const folder = tempFolder();
  let trace: Trace;
  let file: string;
  before(async () => {
    folder.write('util.ts', UTIL);
    file = folder.write('report.ts', TYPED);
    trace = await runTrace({ file, distDir, node: await testNode() });
  });
  after(() => folder.remove());

  it("follows './util.js' to util.ts, and a method through this, in the .ts sources", () => {
    assert.equal(
      handlerOf(trace, TYPED, 'then(format)'),
      `${join(folder.dir, 'util.ts')} ${at(UTIL, 'function format')}`,
    );
    assert.equal(handlerOf(trace, TYPED, 'then(this.print)'), `${file} ${at(TYPED, 'print(value: number): void')}`);
  });
});
