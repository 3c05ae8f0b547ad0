// Levels 1 and 2 may return a value before starting the next level: a chain step can't end the chain
// with that value, but async/await returns from the function the same way.
function get(n, callback) {
  setTimeout(() => callback(n), 5);
}

for (const start of [1, 5, 6]) {
  get(start, (a) => {
    if (a > 5) return 'too big';
    get(a + 1, (b) => {
      if (b > 5) return 'too big';
      get(b + 1, (c) => {
        console.log(a, b, c);
      });
    });
  });
}
