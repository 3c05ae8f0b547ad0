// The next level starts in one branch of an `if`; the other branch ends there. The .then step returns
// the next promise in that branch and ends the chain on every other path.
function fetch(x, callback) {
  setTimeout(() => callback(null, { value: x, more: x < 3 }), 2);
}

function walk(start, done) {
  fetch(start, (err, first) => {
    if (err) return done(err);
    const seen = [first.value];
    if (first.more) {
      seen.push('more');
      fetch(first.value + 1, (err, second) => {
        if (err) return done(err);
        if (second.more) {
          fetch(second.value + 1, (err, third) => {
            if (err) return done(err);
            done(null, [...seen, second.value, third.value]);
          });
        } else if (second.value > 10) {
          return done(null, 'too far');
        } else {
          done(null, [...seen, second.value]);
        }
      });
    } else {
      console.log('no more after', first.value);
      done(null, seen);
    }
  });
}

for (const start of [1, 2, 5]) walk(start, (err, v) => console.log(start, err || v));
