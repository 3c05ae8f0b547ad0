// Callbacks that receive several values: error-first and success-only.
function measure(text, callback) {
  setTimeout(() => callback(null, text.length, text.toUpperCase()), 5);
}
function split(text, callback) {
  setTimeout(() => callback(text.slice(0, 2), text.slice(2)), 5);
}
function join(a, b, callback) {
  setTimeout(() => callback(null, `${b}${a}`), 5);
}

let length;
new Promise((resolve) => measure('hello', (err, length, upper) => {
  if (err) return console.error(err.message);
  resolve([length, upper]);
}))
  .then(([lengthValue, upper]) => {
    length = lengthValue;
    return new Promise((resolve) => split(upper, (...values) => resolve(values)));
  })
  .then(([head, tail]) => new Promise((resolve) => join(head, tail, (err, joined) => {
    if (err) return console.error(err.message);
    resolve(joined);
  })))
  .then((joined) => {
    console.log(length, joined);
  });
