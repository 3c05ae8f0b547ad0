// An async function that returns a promise adopts it: two more microtasks; finally passes the value on.
async function load() {
  return Promise.resolve('data');
}
load().then((v) => console.log('loaded', v));
Promise.resolve('kept')
  .finally(() => console.log('finally'))
  .then((v) => console.log('after finally', v));
new Promise((resolve) => resolve(Promise.resolve('from resolve'))).then((v) => console.log(v));
