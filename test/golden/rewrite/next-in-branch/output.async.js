// The next level starts in one branch of an `if`; the other branch ends there. The .then step returns
// the next promise in that branch and ends the chain on every other path.
function fetch(x, callback) {
  setTimeout(() => callback(null, { value: x, more: x < 3 }), 2);
}

function walk(start, done) {
  void (async () => {
    let first;
    try {
      first = await new Promise((resolve, reject) => fetch(start, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return done(err);
    }
    const seen = [first.value];
    if (first.more) {
      seen.push('more');
      let second;
      try {
        second = await new Promise((resolve, reject) => fetch(first.value + 1, (err, value) => (err ? reject(err) : resolve(value))));
      } catch (err) {
        return done(err);
      }
      if (second.more) {
        let third;
        try {
          third = await new Promise((resolve, reject) => fetch(second.value + 1, (err, value) => (err ? reject(err) : resolve(value))));
        } catch (err) {
          return done(err);
        }
        done(null, [...seen, second.value, third.value]);
      } else if (second.value > 10) {
        return done(null, 'too far');
      } else {
        done(null, [...seen, second.value]);
      }
    } else {
      console.log('no more after', first.value);
      done(null, seen);
    }
  })();
}

for (const start of [1, 2, 5]) walk(start, (err, v) => console.log(start, err || v));
