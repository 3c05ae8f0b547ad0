// A value the outer handler computes (a const at its top) and its parameter, read two levels down.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

wait(3).then((n) => {
  const square = n * n,
    label = `n=${n}`;
  console.log('start', label);
  return wait(square + 1).then((m) => wait(m * 2).then((k) => console.log(label, square, m, k, n)));
});
