// Level 1 may return before starting level 2: the step ends the chain there (a promise that never settles), as async/await ends the function.
function get(n, callback) {
  setTimeout(() => callback(n), 5);
}

get(1, (a) => {
  if (a > 5) {
    console.log('too big');
    return;
  }
  get(a + 1, (b) => {
    get(b + 1, (c) => {
      console.log(a, b, c);
    });
  });
});
