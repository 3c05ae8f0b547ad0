// What a program reads of its own code must not change when the loader gives creation sites
// (src/loader/sites.ts rewrites these lines): the source text of its functions, and the columns and
// words of its stack frames, on lines with then/catch/finally calls and statement awaits.
'use strict';
const p = Promise.resolve(1);
const h = (v) => v;
async function waits(x) {
  await x;
  const y = await 5;
  p.then(h).catch(h)  .finally(h);
  return await x;
}
const arrow = () => p.then((v) => v + 1).catch(h);
class Holder {
  method() { return p.then(h).then(() => { throw new Error('inside'); }); }
}
console.log(waits.toString());
console.log(`${arrow}`);
console.log(String(Holder));
console.log(Function.prototype.toString.call(Holder.prototype.method));
const frames = (stack, n) => stack.split('\n').slice(0, n).join('\n').split(`${__dirname}/`).join('');
const where = () => p.then(h) && frames(new Error('here').stack, 3);
console.log(where());
new Holder().method().catch((e) => console.log(frames(e.stack, 2)));
waits(p).then((v) => console.log('waited', v));
