// User code that patches Promise.prototype.then and console.log keeps working under the tracer.
const originalThen = Promise.prototype.then;
let thenCalls = 0;
Promise.prototype.then = function (...args) {
  thenCalls++;
  return originalThen.apply(this, args);
};
const originalLog = console.log;
console.log = (...args) => originalLog('[patched]', ...args);
Promise.resolve(1)
  .then((v) => v + 1)
  .then((v) => console.log('value', v, 'then calls', thenCalls));
