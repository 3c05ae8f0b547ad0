// Each level handles its error its own way: one .catch would change what runs.
function step(label, fail, callback) {
  setTimeout(() => (fail ? callback(new Error(`${label} broke`)) : callback(null, label)), 5);
}

let a, b;
new Promise((resolve) => step('a', false, (err, a) => {
  if (err) return console.error('first step:', err.message);
  resolve(a);
}))
  .then((aValue) => {
    a = aValue;
    return new Promise((resolve) => step('b', true, (error, b) => {
      if (error) {
        console.error('second step, retry later:', error.message);
        return;
      }
      resolve(b);
    }));
  })
  .then((bValue) => {
    b = bValue;
    return new Promise((resolve, reject) => step('c', false, (err, value) => (err ? reject(err) : resolve(value))));
  })
  .then((c) => {
    console.log(a, b, c);
  });
