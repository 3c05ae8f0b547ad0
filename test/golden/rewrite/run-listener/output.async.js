// A listener may run its callback more than once: it stays a listener, and the levels inside it become
// a chain that each event starts anew.
const { EventEmitter } = require('events');
const util = require('util');
function fetch(x, callback) {
  setTimeout(() => callback(null, `${x}!`), 2);
}

const source = new EventEmitter();
source.on('item', (item) => {
  void (async () => {
    let a;
    try {
      a = await util.promisify(fetch)(item);
    } catch (err) {
      return console.log('failed', err.message);
    }
    let b;
    try {
      b = await util.promisify(fetch)(a);
    } catch (err) {
      return console.log('failed', err.message);
    }
    console.log('item', item, a, b);
  })();
});
source.emit('item', 1);
source.emit('item', 2);
