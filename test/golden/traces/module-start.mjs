setTimeout(() => console.log('timer made by the first line'));
await new Promise((resolve) => setImmediate(resolve, 'immediate'));
console.log('after the immediate');
// A module with top-level await whose code starts at its first character: the timer made there is
// the user's. Only the promise V8 makes for evaluating the module body is Node's loader's (it stays
// pending for good), and is hidden.
