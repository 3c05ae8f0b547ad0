// nextTick callbacks run before promise jobs once the script ends.
Promise.resolve().then(() => console.log('promise'));
process.nextTick(() => console.log('tick'));
console.log('script');
