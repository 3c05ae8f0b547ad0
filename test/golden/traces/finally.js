// finally runs on both paths and passes the outcome through; a throw inside it replaces the outcome.
Promise.resolve(1)
  .finally(() => console.log('finally after fulfil'))
  .then((v) => console.log('value passed through', v));
Promise.reject(new Error('nope'))
  .finally(() => console.log('finally after reject'))
  .catch((e) => console.log('reason passed through', e.message));
Promise.resolve(2)
  .finally(() => { throw new RangeError('from finally'); })
  .catch((e) => console.log('finally threw', e.name));
