// A thenable that is not a promise: V8 calls its `then` in a job of its own, for `await` and `resolve` alike.
const thenable = { then(resolve) { resolve('from then'); } };
async function main() {
  console.log('await', await thenable);
}
main();
new Promise((resolve) => resolve(thenable)).then((v) => console.log('resolve', v));
require('fs').stat(__filename, () => {
  process.nextTick(() => console.log('tick after I/O'));
  Promise.resolve().then(() => console.log('promise after I/O'));
});
