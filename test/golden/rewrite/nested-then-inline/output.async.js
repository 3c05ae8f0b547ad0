// The outer .then follows its receiver on its line, and a .catch ends the chain: the moved steps follow
// each handler's `})` as people write them, and the .catch still ends the flat chain.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

function total(id) {
  const rate = 2;
  let a, b;
  return wait(id).then((aValue) => {
    a = aValue;
    console.log('a', a);
    return wait(a * rate);
  }).then((bValue) => {
    b = bValue;
    console.log('b', b);
    return wait(b + 1);
  }).then((c) => {
    if (c > 100) throw new Error(`too big: ${c}`);
    return a + b + c;
  }).catch((err) => console.error('failed', err.message));
}

total(1).then((sum) => console.log('sum', sum));
total(60).then((sum) => console.log('sum', sum));
