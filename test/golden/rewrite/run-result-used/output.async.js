// The outer call's result is used (a handle to cancel it), so it stays as it is; the levels inside it
// become a chain.
function start(name, callback) {
  const timer = setTimeout(() => callback(name), 2);
  return { cancel: () => clearTimeout(timer) };
}
function step(x, callback) {
  setTimeout(() => callback(null, `${x}+`), 2);
}

const handle = start('job', (name) => {
  void (async () => {
    let a;
    try {
      a = await new Promise((resolve, reject) => step(name, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return console.log('failed', err.message);
    }
    let b;
    try {
      b = await new Promise((resolve, reject) => step(a, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return console.log('failed', err.message);
    }
    console.log('done', name, a, b);
  })();
});
console.log('started', typeof handle.cancel);
