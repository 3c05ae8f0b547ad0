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

void (async () => {
  let length, upper;
  try {
    [length, upper] = await new Promise((resolve, reject) => measure('hello', (err, ...values) => (err ? reject(err) : resolve(values))));
  } catch (err) {
    return console.error(err.message);
  }
  const [head, tail] = await new Promise((resolve) => split(upper, (...values) => resolve(values)));
  let joined;
  try {
    joined = await new Promise((resolve, reject) => join(head, tail, (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    return console.error(err.message);
  }
  console.log(length, joined);
})();
