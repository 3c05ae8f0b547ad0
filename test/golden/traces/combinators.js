// The four combinators over the same inputs: one fulfils late, one rejects early, one is a plain value.
// Delays are far apart so the order does not depend on how fast the script itself runs.
const later = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
const failing = (ms, m) => new Promise((_, reject) => setTimeout(() => reject(new TypeError(m)), ms));
Promise.all([later(100, 'a'), failing(20, 'b failed'), 'c']).then(
  (v) => console.log('all', v),
  (e) => console.log('all rejected', e.message),
);
Promise.allSettled([later(100, 'a'), failing(20, 'b failed'), 'c']).then((r) => console.log('allSettled', r.map((x) => x.status).join()));
Promise.race([later(100, 'a'), failing(20, 'b failed')]).catch((e) => console.log('race', e.message));
Promise.any([failing(60, 'x'), failing(80, 'y')]).catch((e) => console.log('any', e.constructor.name, e.errors.length));
Promise.all([]).then((v) => console.log('empty all', v.length));
// A combinator runs user code while it iterates a generator: the `then` made there is the user's.
function* doubled() {
  yield Promise.resolve(1).then((x) => x * 2);
}
Promise.all(doubled()).then((v) => console.log('from a generator', v));
// User code inside the call again: an element getter and an input's own `then`. Each `then` made there
// is located in this file, never taken for the combinator's own.
const withGetter = [Promise.resolve('g')];
Object.defineProperty(withGetter, 1, { get: () => Promise.resolve('h').then((x) => x), enumerable: true });
Promise.race(withGetter).then((v) => console.log('race with a getter', v));
const ownThen = Promise.resolve('i');
ownThen.then = function (f, r) {
  return Promise.prototype.then.call(this, f, r);
};
Promise.any([ownThen]).then((v) => console.log('any with its own then', v));
// Plain native promises only: nothing but V8 runs inside, and the inputs are still linked.
Promise.allSettled([Promise.resolve('j'), Promise.reject(new Error('k'))]).then((r) => console.log('plain allSettled', r.length));
// `Promise[Symbol.species]` is read by the `then` on each input: a getter there is user code as well.
const species = Object.getOwnPropertyDescriptor(Promise, Symbol.species);
let inSpecies = false;
Object.defineProperty(Promise, Symbol.species, {
  get() {
    if (!inSpecies) {
      inSpecies = true;
      Promise.resolve('m').then((x) => x);
      inSpecies = false;
    }
    return this;
  },
  configurable: true,
});
Promise.all([Promise.resolve('n')]).then((v) => console.log('all with a species getter', v));
Object.defineProperty(Promise, Symbol.species, species);
