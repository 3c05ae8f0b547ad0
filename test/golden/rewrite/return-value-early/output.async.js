// Levels 1 and 2 may return a value before starting the next level: a chain step can't end the chain
// with that value, but async/await returns from the function the same way.
function get(n, callback) {
  setTimeout(() => callback(n), 5);
}

for (const start of [1, 5, 6]) {
  void (async () => {
    const a = await new Promise((resolve) => get(start, resolve));
    if (a > 5) return 'too big';
    const b = await new Promise((resolve) => get(a + 1, resolve));
    if (b > 5) return 'too big';
    const c = await new Promise((resolve) => get(b + 1, resolve));
    console.log(a, b, c);
  })();
}
