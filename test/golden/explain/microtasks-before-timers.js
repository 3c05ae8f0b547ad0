// The microtask queue drains completely before a timer runs, even one already due.
setTimeout(() => console.log('timer'), 0);
Promise.resolve(1)
  .then((v) => v + 1)
  .then((v) => console.log('then', v));
queueMicrotask(() => console.log('queueMicrotask'));
