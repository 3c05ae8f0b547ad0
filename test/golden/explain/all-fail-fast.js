// Promise.all rejects as soon as one input rejects; the others keep running.
const wait = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
Promise.all([wait(20, 'a'), wait(5, 'b', true), wait(10, 'c')])
  .then((values) => console.log('all', values))
  .catch((e) => console.log('caught', e.message));
