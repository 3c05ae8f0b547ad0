// stdout and stderr on one pipe (`node program 2>&1 | less`) keep the order the program wrote them in,
// through console.log/error/warn and direct stream writes, in the script, a microtask and a timer.
for (let i = 0; i < 3; i++) {
  console.log(`out ${i}`);
  console.error(`err ${i}`);
}
process.stdout.write('out written\n');
process.stderr.write('err written\n');
Promise.resolve().then(() => {
  console.warn('warn in a microtask');
  console.log('out in a microtask');
});
setTimeout(() => {
  console.error('err in a timer');
  console.log('out in a timer');
  process.exitCode = 3;
}, 1);
