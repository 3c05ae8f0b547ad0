// The first console.log and console.error make Node create process.stdout and process.stderr; the
// tracer hooks each stream then, and must not call builtins the program has patched meanwhile.
const originals = { defineProperty: Object.defineProperty, getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor, call: Function.prototype.call };
const calls = [];
Object.defineProperty = function (target, key, desc) {
  calls.push(`defineProperty ${String(key)}`);
  return originals.defineProperty(target, key, desc);
};
Object.getOwnPropertyDescriptor = function (target, key) {
  calls.push(`getOwnPropertyDescriptor ${String(key)}`);
  return Reflect.apply(originals.getOwnPropertyDescriptor, Object, [target, key]);
};
console.log('first line');
console.error('first error line');
Object.defineProperty = originals.defineProperty;
Object.getOwnPropertyDescriptor = originals.getOwnPropertyDescriptor;
console.log(`patched builtins called by the first console lines: ${calls.length}`, calls.join(', '));
