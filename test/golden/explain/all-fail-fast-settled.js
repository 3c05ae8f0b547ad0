// Promise.all fails fast with the first rejection to reach it. An input that was still pending is not
// cancelled; one that had already settled only had its result queued behind.
const a = Promise.reject(new Error('a failed'));
const b = Promise.resolve('b');
const c = new Promise((resolve) => setTimeout(() => resolve('c'), 10));
Promise.all([a, b, c]).catch((e) => console.log('all rejected:', e.message));
c.then(() => console.log('c still finished'));
