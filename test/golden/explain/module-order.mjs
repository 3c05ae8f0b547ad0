// In an ES module the body itself runs as a promise job: its microtasks run before its nextTicks.
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
console.log('module body');
