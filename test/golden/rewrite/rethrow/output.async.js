// Every level rethrows: no .catch is added, a failure still ends the process with the error.
const util = require('util');
function step(n, callback) {
  setTimeout(() => callback(null, n + 1), 5);
}

void (async () => {
  const a = await util.promisify(step)(1);
  const b = await util.promisify(step)(a);
  const c = await util.promisify(step)(b);
  console.log(util.format('%d %d %d', a, b, c));
})();
