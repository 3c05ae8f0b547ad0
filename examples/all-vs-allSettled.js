// Promise.all fails fast: it rejects as soon as one input rejects, while the others keep running.
// Promise.allSettled waits for every input and reports each outcome.

const wait = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const fail = (ms, message) => new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));

const requests = () => [wait(30, 'profile'), fail(10, 'orders service down'), wait(20, 'cart')];

Promise.all(requests())
  .then((values) => console.log('all:', values))
  .catch((error) => console.log('all rejected early:', error.message));

Promise.allSettled(requests()).then((results) => {
  for (const result of results) console.log('allSettled:', result.status, result.value ?? result.reason.message);
});

Promise.race(requests()).catch((error) => console.log('race settled first with:', error.message));
Promise.any(requests()).then((value) => console.log('any fulfilled with:', value));
