// Level 1 may return before starting level 2: with async/await that return ends the flow the same way.
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
