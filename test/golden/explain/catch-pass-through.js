// A rejection passes through `.then` without a rejection handler, and a value through `.catch`.
Promise.reject(new Error('boom'))
  .then(() => console.log('not run'))
  .catch((e) => console.log('caught', e.message));
Promise.resolve('ok')
  .catch(() => console.log('not run'))
  .then((v) => console.log('value', v));
