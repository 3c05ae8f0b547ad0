// Level 1 may return before starting level 2: the step ends the chain there (a promise that never settles), as async/await ends the function.
function get(n, callback) {
  setTimeout(() => callback(n), 5);
}

void (async () => {
  const a = await new Promise((resolve) => get(1, resolve));
  if (a > 5) {
    console.log('too big');
    return;
  }
  const b = await new Promise((resolve) => get(a + 1, resolve));
  const c = await new Promise((resolve) => get(b + 1, resolve));
  console.log(a, b, c);
})();
