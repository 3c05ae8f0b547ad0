// The next level starts in a branch, and any level may fail: the error reaches `done` once, from the
// level that failed, and the levels below it never start; a path without the next level ends there.
function fetch(x, callback) {
  setTimeout(() => (x % 5 === 4 ? callback(new Error(`no ${x}`)) : callback(null, { value: x, more: x < 6 })), 2);
}

function walk(start, done) {
  let first, second;
  new Promise((resolve) => fetch(start, (err, first) => {
    if (err) return done(err);
    resolve(first);
  }))
    .then((firstValue) => {
      first = firstValue;
      if (first.more) {
        return new Promise((resolve) => fetch(first.value + 1, (err, second) => {
          if (err) {
            console.log('level 2 failed after', first.value);
            return done(err);
          }
          resolve(second);
        }));
      } else {
        done(null, [first.value]);
      }
      return new Promise(() => {});
    })
    .then((secondValue) => {
      second = secondValue;
      if (second.more) {
        return new Promise((resolve) => fetch(second.value + 2, (err, third) => {
          if (err) return done(new Error(`level 3: ${err.message}`));
          resolve(third);
        }));
      } else {
        done(null, [first.value, second.value]);
      }
      return new Promise(() => {});
    })
    .then((third) => {
      done(null, [first.value, second.value, third.value]);
    });
}

for (const start of [0, 1, 3, 4, 5, 6]) walk(start, (err, v) => console.log(start, err ? `error: ${err.message}` : v));
