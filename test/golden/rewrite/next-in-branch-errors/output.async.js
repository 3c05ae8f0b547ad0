// The next level starts in a branch, and any level may fail: the error reaches `done` once, from the
// level that failed, and the levels below it never start; a path without the next level ends there.
function fetch(x, callback) {
  setTimeout(() => (x % 5 === 4 ? callback(new Error(`no ${x}`)) : callback(null, { value: x, more: x < 6 })), 2);
}

function walk(start, done) {
  void (async () => {
    let first;
    try {
      first = await new Promise((resolve, reject) => fetch(start, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return done(err);
    }
    if (first.more) {
      let second;
      try {
        second = await new Promise((resolve, reject) => fetch(first.value + 1, (err, value) => (err ? reject(err) : resolve(value))));
      } catch (err) {
        console.log('level 2 failed after', first.value);
        return done(err);
      }
      if (second.more) {
        let third;
        try {
          third = await new Promise((resolve, reject) => fetch(second.value + 2, (err, value) => (err ? reject(err) : resolve(value))));
        } catch (err) {
          return done(new Error(`level 3: ${err.message}`));
        }
        done(null, [first.value, second.value, third.value]);
      } else {
        done(null, [first.value, second.value]);
      }
    } else {
      done(null, [first.value]);
    }
  })();
}

for (const start of [0, 1, 3, 4, 5, 6]) walk(start, (err, v) => console.log(start, err ? `error: ${err.message}` : v));
