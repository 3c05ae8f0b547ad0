// The program patches the stack API the tracer itself uses: a wrapped Error.captureStackTrace, and
// Error.stackTraceLimit and Error.prepareStackTrace as accessors. None of it may run for the tracer,
// and every promise is still located.
let captures = 0;
const capture = Error.captureStackTrace;
Error.captureStackTrace = function (...args) {
  captures++;
  return capture.apply(this, args);
};
let limitReads = 0;
let limitWrites = 0;
let limit = 0;
Object.defineProperty(Error, 'stackTraceLimit', {
  get() {
    limitReads++;
    return limit;
  },
  set(value) {
    limitWrites++;
    limit = value;
  },
  configurable: true,
});
let prepareReads = 0;
let prepare;
Object.defineProperty(Error, 'prepareStackTrace', {
  get() {
    prepareReads++;
    return prepare;
  },
  set(value) {
    prepare = value;
  },
  configurable: true,
});

const failing = new Promise((_, reject) => reject(new TypeError('no frames here')));
Promise.resolve(1)
  .then((v) => v + 1)
  .then((v) => console.log('value', v));
failing.catch((e) => console.log('caught', e.message, 'stack', typeof e.stack));
setTimeout(() => {
  console.log('captures', captures, 'limit reads', limitReads, 'writes', limitWrites, 'prepare reads', prepareReads);
}, 5);
