// Inside an I/O callback, setImmediate always runs before a 0 ms timer.
const fs = require('fs');
fs.readFile(__filename, () => {
  console.log('read');
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
