// process.exit inside a timer: the trace keeps everything up to that point, and the exit code.
setTimeout(() => console.log('never'), 50);
Promise.resolve('before exit').then((v) => console.log(v));
setTimeout(() => {
  console.log('exiting with 3');
  process.exit(3);
}, 5);
