// The next level starts in one branch of an `if`; the other branch ends there. The .then step returns
// the next promise in that branch and ends the chain on every other path.
function fetch(x, callback) {
  setTimeout(() => callback(null, { value: x, more: x < 3 }), 2);
}

function walk(start, done) {
  let seen, second;
  new Promise((resolve) => fetch(start, (err, first) => {
    if (err) return done(err);
    resolve(first);
  }))
    .then((first) => {
      seen = [first.value];
      if (first.more) {
        seen.push('more');
        return new Promise((resolve) => fetch(first.value + 1, (err, second) => {
          if (err) return done(err);
          resolve(second);
        }));
      } else {
        console.log('no more after', first.value);
        done(null, seen);
      }
      return new Promise(() => {});
    })
    .then((secondValue) => {
      second = secondValue;
      if (second.more) {
        return new Promise((resolve) => fetch(second.value + 1, (err, third) => {
          if (err) return done(err);
          resolve(third);
        }));
      } else if (second.value > 10) {
        done(null, 'too far'); return new Promise(() => {});
      } else {
        done(null, [...seen, second.value]);
      }
      return new Promise(() => {});
    })
    .then((third) => {
      done(null, [...seen, second.value, third.value]);
    });
}

for (const start of [1, 2, 5]) walk(start, (err, v) => console.log(start, err || v));
