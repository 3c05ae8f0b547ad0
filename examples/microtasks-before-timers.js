// What prints first? The script runs to the end, then process.nextTick callbacks, then every
// microtask (promise reactions, queueMicrotask), and only then the next timer or immediate.

console.log('1: script start');

setTimeout(() => console.log('6: timeout'), 0);
setImmediate(() => console.log('7: immediate'));

Promise.resolve().then(() => {
  console.log('4: microtask');
  queueMicrotask(() => console.log('5: microtask queued by a microtask'));
});

process.nextTick(() => console.log('3: nextTick'));

console.log('2: script end');
