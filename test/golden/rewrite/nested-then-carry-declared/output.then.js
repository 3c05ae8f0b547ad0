// A value the outer handler computes (a const at its top) and its parameter, read two levels down.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

let n, square, label, m;
wait(3).then((nValue) => {
  n = nValue;
  square = n * n,
    label = `n=${n}`;
  console.log('start', label);
  return wait(square + 1);
}).then((mValue) => {
  m = mValue;
  return wait(m * 2);
}).then((k) => console.log(label, square, m, k, n));
