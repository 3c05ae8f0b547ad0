// A handler that returns a promise: adopting it takes two more microtasks.
Promise.resolve()
  .then(() => Promise.resolve('inner'))
  .then((v) => console.log('adopted', v));
Promise.resolve()
  .then(() => console.log('a'))
  .then(() => console.log('b'))
  .then(() => console.log('c'));
