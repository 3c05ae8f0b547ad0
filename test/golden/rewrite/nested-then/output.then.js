// Each handler starts its own chain: flattening returns them instead.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

wait(1)
  .then((a) => {
    console.log('a', a);
    return wait(a + 1);
  })
  .then((b) => {
    console.log('b', b);
    return wait(b + 1);
  })
  .then((c) => {
    console.log('c', c);
  });
