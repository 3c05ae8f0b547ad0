// maybe() never calls back for negative numbers: the chain simply stops there, as the pyramid does.
function maybe(n, callback) {
  if (n < 0) return;
  setTimeout(() => callback(n * 2), 5);
}

void (async () => {
  const a = await new Promise((resolve) => maybe(1, resolve));
  console.log('a', a);
  const b = await new Promise((resolve) => maybe(-1, resolve));
  console.log('b', b);
  const c = await new Promise((resolve) => maybe(3, resolve));
  console.log('c', c);
})();
console.log('started');
