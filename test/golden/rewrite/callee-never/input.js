// maybe() never calls back for negative numbers: the chain simply stops there, as the pyramid does.
function maybe(n, callback) {
  if (n < 0) return;
  setTimeout(() => callback(n * 2), 5);
}

maybe(1, (a) => {
  console.log('a', a);
  maybe(-1, (b) => {
    console.log('b', b);
    maybe(3, (c) => {
      console.log('c', c);
    });
  });
});
console.log('started');
