// How many microtask ticks does an await take? Count with a parallel then-chain.
let tick = 0;
const counter = () => Promise.resolve().then(() => { tick++; if (tick < 6) return counter(); });
counter();
async function awaitValue() {
  await 1;
  console.log('await value resumed after tick', tick);
}
async function awaitPromise() {
  await Promise.resolve(2);
  console.log('await promise resumed after tick', tick);
}
async function returnsPromise() {
  return Promise.resolve(3);
}
awaitValue();
awaitPromise();
returnsPromise().then(() => console.log('async returning a promise settled after tick', tick));
