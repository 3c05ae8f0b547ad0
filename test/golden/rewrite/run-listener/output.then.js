// A listener may run its callback more than once: it stays a listener, and the levels inside it become
// a chain that each event starts anew.
const { EventEmitter } = require('events');
function fetch(x, callback) {
  setTimeout(() => callback(null, `${x}!`), 2);
}

const source = new EventEmitter();
source.on('item', (item) => {
  let a;
  new Promise((resolve) => fetch(item, (err, a) => {
    if (err) return console.log('failed', err.message);
    resolve(a);
  }))
    .then((aValue) => {
      a = aValue;
      return new Promise((resolve) => fetch(a, (err, b) => {
        if (err) return console.log('failed', err.message);
        resolve(b);
      }));
    })
    .then((b) => {
      console.log('item', item, a, b);
    });
});
source.emit('item', 1);
source.emit('item', 2);
