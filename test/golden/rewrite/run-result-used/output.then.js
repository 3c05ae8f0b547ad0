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
  let a;
  new Promise((resolve) => step(name, (err, a) => {
    if (err) return console.log('failed', err.message);
    resolve(a);
  }))
    .then((aValue) => {
      a = aValue;
      return new Promise((resolve) => step(a, (err, b) => {
        if (err) return console.log('failed', err.message);
        resolve(b);
      }));
    })
    .then((b) => {
      console.log('done', name, a, b);
    });
});
console.log('started', typeof handle.cancel);
