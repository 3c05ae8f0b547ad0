// maybe() never calls back for negative numbers: the chain simply stops there, as the pyramid does.
function maybe(n, callback) {
  if (n < 0) return;
  setTimeout(() => callback(n * 2), 5);
}

new Promise((resolve) => maybe(1, resolve))
  .then((a) => {
    console.log('a', a);
    return new Promise((resolve) => maybe(-1, resolve));
  })
  .then((b) => {
    console.log('b', b);
    return new Promise((resolve) => maybe(3, resolve));
  })
  .then((c) => {
    console.log('c', c);
  });
console.log('started');
