// Every level rethrows: no .catch is added, a failure still ends the process with the error.
const util = require('util');
function step(n, callback) {
  setTimeout(() => callback(null, n + 1), 5);
}

step(1, (err, a) => {
  if (err) throw err;
  step(a, (err, b) => {
    if (err) throw err;
    step(b, (err, c) => {
      if (err) throw err;
      console.log(util.format('%d %d %d', a, b, c));
    });
  });
});
