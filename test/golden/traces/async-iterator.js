// for await over an async generator: each step is a promise the loop awaits.
async function* numbers() {
  for (let i = 1; i <= 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield i;
  }
}
(async () => {
  let sum = 0;
  for await (const n of numbers()) {
    console.log('got', n);
    sum += n;
  }
  console.log('sum', sum);
})();

// Leaving the loop early calls the generator's return(): V8 awaits inside it.
async function* endless() {
  for (let i = 1; ; i++) yield i;
}
(async () => {
  for await (const n of endless()) if (n === 2) break;
  console.log('left at 2');
})();
