// The functions the tracer replaces must read as the originals do: feature checks that look for
// "[native code]" in a function's source take the same path traced as under plain node.
// Only the start of each text is printed, so that the golden file does not depend on Node's version.
// The hash of the whole texts is written straight to the stderr descriptor at the end: the test
// compares it with plain node's, and the trace (which records stream writes) leaves it out.
const { createHash } = require('crypto');
const native = /\[native code\]/;
const texts = createHash('sha256');
const digest = (fn) => {
  const text = Function.prototype.toString.call(fn);
  texts.update(text);
  return `${native.test(text)} ${text.slice(0, text.indexOf('('))}`;
};
const replaced = {
  'Promise.all': Promise.all,
  'Promise.allSettled': Promise.allSettled,
  'Promise.race': Promise.race,
  'Promise.any': Promise.any,
  setTimeout,
  setInterval,
  setImmediate,
  queueMicrotask,
  'process.nextTick': process.nextTick,
  'require("timers").setTimeout': require('timers').setTimeout,
  'process.stdout.write': process.stdout.write,
  'process.stderr.write': process.stderr.write,
  'Error.prepareStackTrace': Error.prepareStackTrace,
  'Function.prototype.toString': Function.prototype.toString,
};
for (const [name, fn] of Object.entries(replaced)) {
  console.log(name, digest(fn), fn.name, fn.length, String(fn) === Function.prototype.toString.call(fn));
}
const toString = Function.prototype.toString;
console.log('toString is a method:', !('prototype' in toString), Object.getOwnPropertyNames(toString).join(' '));
console.log('through a proxy:', digest(new Proxy(Promise.all, {})));
console.log('bound:', digest(Promise.race.bind(Promise)));
try {
  toString.call({});
} catch (error) {
  console.log('on a non-function:', error.stack.split('\n').slice(0, 3).join(' | ').replaceAll(__dirname, '.'));
}
console.log('own enumerable write:', Object.keys(process.stdout).includes('write'), Object.keys(process.stderr).includes('write'));
Promise.all([1]).then((all) => console.log('still works:', all));
require('fs').writeSync(2, `all texts: ${texts.digest('hex')}\n`);
