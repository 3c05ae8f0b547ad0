// Values whose preview must run none of the program's code: a class's and a function's `name`
// getter, and the builtins util.inspect calls (Array.prototype.includes/push/pop, Object.defineProperty),
// patched by the program. Plain node calls none of them here; traced, neither may the preview.
let calls = 0;
class Named {
  static get name() {
    console.log('class name getter ran');
    return 'Named';
  }
}
function fn() {}
Object.defineProperty(fn, 'name', {
  get() {
    console.log('function name getter ran');
    return 'fn';
  },
});
const original = { includes: Array.prototype.includes, push: Array.prototype.push, pop: Array.prototype.pop, defineProperty: Object.defineProperty };
const counted = (f, self) =>
  function (...args) {
    calls++;
    return Reflect.apply(f, self ?? this, args);
  };
Array.prototype.includes = counted(original.includes);
Array.prototype.push = counted(original.push);
Array.prototype.pop = counted(original.pop);
Object.defineProperty = counted(original.defineProperty, Object);
Promise.resolve(Named).then(() => undefined);
Promise.resolve(new Named()).then(() => undefined);
Promise.resolve(fn).then(() => undefined);
Promise.resolve([Named, { fn, list: [1, [2, [3]]] }, new Map([['k', new Set([fn])]])]).then(() => undefined);
Promise.reject(new AggregateError([new Error('a', { cause: Named })], 'all')).catch(() => undefined);
setTimeout(() => {
  const seen = calls;
  Array.prototype.includes = original.includes;
  Array.prototype.push = original.push;
  Array.prototype.pop = original.pop;
  Object.defineProperty = original.defineProperty;
  console.log('patched builtins called:', seen);
}, 5);
