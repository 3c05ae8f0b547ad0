// The success path reads the error (empty there): a chain step has no error to read, so it declines.
function step(x, callback) {
  setTimeout(() => callback(null, x + 1), 2);
}

step(1, (err, a) => {
  if (err) return console.log('failed');
  step(a, (err, b) => {
    if (err) return console.log('failed');
    console.log('no error:', err == null);
    step(b, (err, c) => {
      if (err) return console.log('failed');
      console.log('done', a, b, c);
    });
  });
});
