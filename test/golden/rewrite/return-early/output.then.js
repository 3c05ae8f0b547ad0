// Level 1 may return before starting level 2: the step ends the chain there (a promise that never settles), as async/await ends the function.
function get(n, callback) {
  setTimeout(() => callback(n), 5);
}

let a, b;
new Promise((resolve) => get(1, resolve))
  .then((aValue) => {
    a = aValue;
    if (a > 5) {
      console.log('too big');
      return new Promise(() => {});
    }
    return new Promise((resolve) => get(a + 1, resolve));
  })
  .then((bValue) => {
    b = bValue;
    return new Promise((resolve) => get(b + 1, resolve));
  })
  .then((c) => {
    console.log(a, b, c);
  });
