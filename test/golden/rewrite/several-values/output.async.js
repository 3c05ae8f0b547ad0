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
  try {
    const [length, upper] = await new Promise((resolve, reject) => measure('hello', (err, ...values) => (err ? reject(err) : resolve(values))));
    const [head, tail] = await new Promise((resolve) => split(upper, (...values) => resolve(values)));
    const joined = await new Promise((resolve, reject) => join(head, tail, (err, value) => (err ? reject(err) : resolve(value))));
    console.log(length, joined);
  } catch (err) {
    return console.error(err.message);
  }
})();
