// An interval's callback is called through `Timeout._onTimeout` each time: a stack made in one tick and
// first read in a later tick names that slot, as under plain node. Once the interval is cleared, Node
// empties the slot, and a stack first read then names no slot, in both.
const top = (error) => error.stack.split('\n')[1].replace(/\(.*[\\/]/, '(').trim();
let kept;
let keptForLater;
let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 1) {
    kept = new Error('made in the first tick');
    keptForLater = new Error('made in the first tick, read after clearInterval');
  }
  if (ticks === 2) {
    console.log('read in the second tick:', top(kept));
    clearInterval(interval);
    setTimeout(() => {
      console.log('read after clearInterval:', top(keptForLater));
      const namedInterval = setInterval(named, 1);
      function named() {
        clearInterval(namedInterval);
        const error = new Error('made in a named interval');
        setTimeout(() => console.log('named, read later:', top(error)), 1);
      }
    }, 1);
  }
}, 1);
