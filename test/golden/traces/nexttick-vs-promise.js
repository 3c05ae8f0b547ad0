// process.nextTick callbacks run before promise reactions, even when queued later.
Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('tick queued by promise 1'));
});
process.nextTick(() => {
  console.log('tick 1');
  Promise.resolve().then(() => console.log('promise queued by tick 1'));
});
Promise.resolve().then(() => console.log('promise 2'));
queueMicrotask(() => console.log('queueMicrotask'));
