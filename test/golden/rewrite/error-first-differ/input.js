// Each level handles its error its own way: one .catch would change what runs.
function step(label, fail, callback) {
  setTimeout(() => (fail ? callback(new Error(`${label} broke`)) : callback(null, label)), 5);
}

step('a', false, function (err, a) {
  if (err) return console.error('first step:', err.message);
  step('b', true, function (error, b) {
    if (error) {
      console.error('second step, retry later:', error.message);
      return;
    }
    step('c', false, function (err, c) {
      if (err) throw err;
      console.log(a, b, c);
    });
  });
});
