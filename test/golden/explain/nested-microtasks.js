// Microtasks queued by microtasks run in the same drain, before the next nextTick round and any timer.
setTimeout(() => console.log('timer'), 0);
Promise.resolve().then(() => {
  console.log('outer');
  queueMicrotask(() => console.log('inner microtask'));
  process.nextTick(() => console.log('tick from microtask'));
  Promise.resolve().then(() => console.log('inner then'));
});
