// Runs the Promises/A+ suite against native promises and prints one JSON line with the outcome.
// test/unit/runtime.aplus.test.ts runs it with and without the preloaded runtime.
const promisesAplusTests = require('promises-aplus-tests');

const adapter = {
  resolved: (value) => Promise.resolve(value),
  rejected: (reason) => Promise.reject(reason),
  deferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  },
};

let passes = 0;
let failures = 0;
function Reporter(runner) {
  runner.on('pass', () => passes++);
  runner.on('fail', () => failures++);
}

promisesAplusTests(adapter, { reporter: Reporter }, () => {
  process.stdout.write(JSON.stringify({ passes, failures }) + '\n');
});
