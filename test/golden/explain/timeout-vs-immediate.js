// any order: from the main module, Node does not promise the order of a 0 ms timer and an immediate.
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
