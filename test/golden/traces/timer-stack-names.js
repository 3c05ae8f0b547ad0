// Stack traces name the slot Node calls a timer's or an immediate's callback through
// (`Timeout._onTimeout`, `Immediate._onImmediate`), also when the stack is read after the callback
// returned: an error kept for later, and a rejection Node reports after the callback's microtasks.
const top = (error) => error.stack.split('\n')[1].replace(/\(.*[\\/]/, '(').trim();
let kept;
let keptNamed;
setTimeout(function () {
  kept = new Error('made in a timer');
}, 1);
setTimeout(function named() {
  keptNamed = new Error('made in a named timer');
}, 2);
setTimeout(() => {
  console.log('kept:', top(kept));
  console.log('kept named:', top(keptNamed));
  setImmediate(() => {
    const later = new Error('made in an immediate');
    setImmediate(() => {
      console.log('immediate:', top(later));
      setTimeout(() => {
        Promise.reject(new Error('rejected in a timer'));
      }, 1);
    });
  });
}, 6);
