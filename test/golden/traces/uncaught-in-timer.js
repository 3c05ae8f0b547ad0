// An uncaught exception in a timer: same stderr and exit code as plain node, trace kept.
const p = new Promise((resolve) => setTimeout(resolve, 1, 'settled first'));
p.then((v) => console.log(v));
setTimeout(function explode() {
  throw new TypeError('boom in a timer');
}, 5);
