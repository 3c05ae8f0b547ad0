// Values a preview must not touch: getters, proxies' traps, huge strings, cycles. Every touch counts,
// and the count printed at the end must be the same as under plain node.
let touched = 0;
const touch = () => {
  touched++;
  throw new Error('touched');
};
const getter = { get boom() { return touch(); } };
const proxy = new Proxy({}, { get: touch, ownKeys: touch, getOwnPropertyDescriptor: touch, getPrototypeOf: touch, has: touch });
const cyclic = { name: 'cycle' };
cyclic.self = cyclic;
const huge = 'x'.repeat(100000);
const nested = { inner: { get deep() { return touch(); } } };
const values = [getter, cyclic, huge, nested, Symbol('s'), 10n, [1, 2, 3], null, undefined];
Promise.all(values.map((v) => Promise.resolve(v))).then((all) => console.log('resolved', all.length));
const withGetterCause = new Error('plain');
Object.defineProperty(withGetterCause, 'details', { get: touch, enumerable: true });
Promise.reject(withGetterCause).catch(() => console.log('rejected with an error that has a getter'));
Promise.resolve(new Proxy(function target() {}, { get: touch, apply: touch })).then(
  () => console.log('resolved with a function proxy'),
  () => console.log('a function proxy was read'),
);
const rejectedWithProxy = Promise.reject(proxy);
rejectedWithProxy.catch(() => console.log('rejected with a proxy'));
setTimeout(() => console.log('getters and traps run:', touched), 5);
// The ids the tracer stamps on promises are invisible to reflection and to deep equality.
const seen = Promise.resolve(1);
const keys = [Reflect.ownKeys(seen).length, Object.getOwnPropertySymbols(seen).length];
console.log('own keys of a promise:', keys.join(' '), require('util').isDeepStrictEqual(seen, Promise.resolve(2)));
