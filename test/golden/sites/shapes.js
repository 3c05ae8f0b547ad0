'use strict';
// Every shape the loader gives a site, and some it must not: traced with and without sites, each
// promise must get the same kind, parent and place (test/process/runtime/sites.test.ts).
const v8 = require('v8');

const p = Promise.resolve(1);
const o = { p, f: () => p };
const h = (v) => v;
const thenable = { then: (resolve) => resolve(2) };

async function statements(x) {
  await p;
  await 5;
  const a = await x;
  await thenable; // no site: its `then` runs between
  let s = 0;
  s += await p; // no site: V8 places this await at `p`
  s = await p; // no site: V8 places it at `s`
  await o.f(); // no site: at `f`
  if (a) await p; // no site: not in a statement list
  return await p;
}

async function main() {
  p.then(h);
  p.then(() => 1);
  p.catch(h);
  p.finally(h);
  p.then(h).catch(h).finally(h);
  o.p.then(h);
  o.f().then(h);
  (p).then(h);
  p
    .then(h)
    // a comment
    .catch /* here */ (h);
  p.then(h, h);
  p.then(o.f()); // no site: the argument runs code
  o?.p.then(h); // no site: an optional chain
  class Sub extends Promise {}
  Sub.resolve(1).then(h); // no site taken: not a plain promise
  const own = Promise.resolve(3);
  own.then = function (...args) {
    return Promise.prototype.then.apply(this, args); // no site taken: the program's own `then`
  };
  own.then(h);
  const made = new Promise((resolve) => resolve(1));
  [1, 2].map((i) => new Promise((resolve) => resolve(i)));
  new Promise(function (resolve, reject) {
    reject(new Error('no'));
  }).catch(h);
  new Promise(h.call ? h : h, 1); // a site: the arguments are names and literals
  await made;
  {
    const Promise = class Mine extends global.Promise {};
    new Promise((resolve) => resolve(2)); // no site taken: not the intrinsic Promise
  }
  await statements(p);
  await statements(7);
  const table = v8[Symbol.for('promise-lens.sites')];
  console.log('sites taken', table === undefined ? 'none' : table.taken > 0);
}

main().then(h);
