// Every level rethrows: no .catch is added, a failure still ends the process with the error.
const util = require('util');
function step(n, callback) {
  setTimeout(() => callback(null, n + 1), 5);
}

let a, b;
util.promisify(step)(1)
  .then((aValue) => {
    a = aValue;
    return util.promisify(step)(a);
  })
  .then((bValue) => {
    b = bValue;
    return util.promisify(step)(b);
  })
  .then((c) => {
    console.log(util.format('%d %d %d', a, b, c));
  });
