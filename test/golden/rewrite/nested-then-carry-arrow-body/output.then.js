// The chain is an arrow's whole body: the arrow gets a block body, so each call has its own `let`.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

const both = (id) => {
  let a;
  return wait(id).then((aValue) => {
    a = aValue;
    return wait(a + 1);
  }).then((b) => [a, b]);
};
both(1).then((pair) => console.log(pair));
both(10).then((pair) => console.log(pair));
