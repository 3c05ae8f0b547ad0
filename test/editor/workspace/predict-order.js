// "Predict the order" fixture: every line's place follows from Node's rules; none is left to chance.
console.log('script starts');
setTimeout(() => console.log('timeout 10 ms'), 10);
setTimeout(() => {
  console.log('timeout 0 ms');
  Promise.resolve().then(() => console.log('then inside the timer'));
}, 0);
Promise.resolve()
  .then(() => console.log('first then'))
  .then(() => console.log('second then'));
queueMicrotask(() => console.log('queueMicrotask'));
process.nextTick(() => console.log('nextTick'));
(async () => {
  await null;
  console.log('after await');
})();
console.log('script ends');
