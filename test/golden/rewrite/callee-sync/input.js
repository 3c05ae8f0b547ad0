// cached() calls its callback before it returns: as a promise the rest would run later than today.
const cache = { a: 1 };
function cached(key, callback) {
  if (key in cache) return callback(cache[key]);
  setTimeout(() => callback(0), 5);
}

cached('a', (a) => {
  cached('b', (b) => {
    cached('a', (c) => {
      console.log('values', a, b, c);
    });
    console.log('after third call');
  });
  console.log('after second call');
});
console.log('after first call');
