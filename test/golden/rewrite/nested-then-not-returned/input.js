// The inner chain is not returned and the outer chain goes on: flattened, the next step would wait for it.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

wait(1)
  .then((a) => {
    wait(a + 1).then((b) => console.log('inner', a, b));
  })
  .then(() => console.log('outer goes on'));
