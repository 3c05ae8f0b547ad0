// allSettled waits for every input, fulfilled or rejected.
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('no')), new Promise((r) => setTimeout(r, 5, 3))])
  .then((results) => console.log(results.map((r) => r.status).join(' ')));
