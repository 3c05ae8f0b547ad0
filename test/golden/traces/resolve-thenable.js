// Resolving with a promise or a thenable takes extra ticks: a job calls its then.
const inner = Promise.resolve('inner');
const viaPromise = new Promise((resolve) => resolve(inner));
const thenable = { then(onFulfilled) { console.log('thenable.then called'); onFulfilled('from thenable'); } };
const viaThenable = Promise.resolve(thenable);
Promise.resolve('direct').then((v) => console.log(v));
viaPromise.then((v) => console.log('resolved with a promise:', v));
viaThenable.then((v) => console.log('resolved with a thenable:', v));
