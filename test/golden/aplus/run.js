// Runs the Promises/A+ suite against native promises and prints one JSON line with the outcome.
// test/process/runtime/aplus.test.ts runs it with and without the preloaded runtime.
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

// The suite's own 200 ms per test is about the machine, not promises: a loaded CI machine running the
// traced copy can exceed it. A test that never finishes still fails, after 5 s.
promisesAplusTests(adapter, { reporter: Reporter, timeout: 5000 }, () => {
  process.stdout.write(JSON.stringify({ passes, failures }) + '\n');
});
