// The inner .then has its own rejection handler: moved out, it would also see the outer chain's errors.
const wait = (value, fail) =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error(fail)) : resolve(value)), 5));

wait(1).then((a) => {
  return wait(a + 1).then(
    (b) => console.log('b', a, b),
    (e) => console.log('inner handled', e.message),
  );
});
