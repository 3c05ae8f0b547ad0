// Immediates run in the check phase; one set during the check phase waits for the loop's next turn.
setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => console.log('immediate 3'));
});
setImmediate(() => console.log('immediate 2'));
setTimeout(() => console.log('timer 50 ms'), 50);
