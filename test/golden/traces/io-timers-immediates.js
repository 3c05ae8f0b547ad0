// Inside an I/O callback, setImmediate always runs before setTimeout(0).
const fs = require('fs');
fs.readFile(__filename, () => {
  console.log('read done');
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick inside I/O'));
});
