// An I/O callback that only queues (nothing printed, no promise made) is still a job of its own, and
// what it queues is placed in it: its setImmediate runs before its 0 ms timer.
const fs = require('fs');
fs.readFile(__filename, () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
