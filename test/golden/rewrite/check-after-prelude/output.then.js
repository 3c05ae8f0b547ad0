// Statements before the error check (an event, an early stop) ran on every call, error or not: they
// stay in the callback before the check.
const { EventEmitter } = require('events');
const events = new EventEmitter();
events.on('step', (name, err) => console.log('event', name, err ? err.message : 'ok'));
let stopped = false;
function step(x, callback) {
  setTimeout(() => (x === 3 ? callback(new Error('three')) : callback(null, x + 1)), 2);
}

function run(start, done) {
  let a, b;
  new Promise((resolve) => step(start, (err, a) => {
    events.emit('step', 'a', err);
    if (stopped) return console.log('stopped');
    if (err) return done(err);
    resolve(a);
  }))
    .then((aValue) => {
      a = aValue;
      return new Promise((resolve) => step(a, (err, b) => {
        events.emit('step', 'b', err);
        if (err) {
          console.log('b failed');
          return done(err);
        }
        resolve(b);
      }));
    })
    .then((bValue) => {
      b = bValue;
      return new Promise((resolve) => step(b, (err, c) => {
        if (err) return done(err);
        resolve(c);
      }));
    })
    .then((c) => {
      done(null, [a, b, c]);
    });
}

run(0, (err, v) => console.log('run 0:', err ? err.message : v));
run(2, (err, v) => console.log('run 2:', err ? err.message : v));
setTimeout(() => {
  stopped = true;
  run(5, (err, v) => console.log('run 5:', err ? err.message : v));
}, 50);
