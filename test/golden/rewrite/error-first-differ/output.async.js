// Each level handles its error its own way: one .catch would change what runs.
function step(label, fail, callback) {
  setTimeout(() => (fail ? callback(new Error(`${label} broke`)) : callback(null, label)), 5);
}

void (async () => {
  let a;
  try {
    a = await new Promise((resolve, reject) => step('a', false, (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    return console.error('first step:', err.message);
  }
  let b;
  try {
    b = await new Promise((resolve, reject) => step('b', true, (err, value) => (err ? reject(err) : resolve(value))));
  } catch (error) {
    console.error('second step, retry later:', error.message);
    return;
  }
  const c = await new Promise((resolve, reject) => step('c', false, (err, value) => (err ? reject(err) : resolve(value))));
  console.log(a, b, c);
})();
