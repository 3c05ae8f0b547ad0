// An ES module with top-level await: the module body pauses like an async function.
console.log('module start');
const value = await new Promise((resolve) => setTimeout(() => resolve(42), 5));
console.log('awaited', value);
const [a, b] = await Promise.all([Promise.resolve('a'), new Promise((r) => setImmediate(() => r('b')))]);
console.log('both', a, b);
const n = await 7;
console.log('value', n);
