// The script runs to its end, then every microtask, and only then a timer.
console.log('sync 1');
setTimeout(() => console.log('timer'), 0);
Promise.resolve('v').then((v) => console.log('microtask', v));
console.log('sync 2');
