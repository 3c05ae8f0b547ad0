// bench/trace-load.js with its creation places given away: before each expression that makes a
// promise, the number of its place goes into a slot the floor recorder reads (what a loader that
// rewrote the program's source would insert). The work and the output are trace-load.js's; keep the
// two in step.
const site = globalThis.__promiseLensFloorSite;

async function step(i) {
  return i;
}

async function main() {
  let chain = ((site[0] = 1), Promise.resolve(0));
  for (let i = 0; i < 400000; i++) chain = ((site[0] = 2), chain.then((v) => v + 1));
  const last = chain;
  site[0] = 3;
  const chained = await last;
  let sum = 0;
  for (let i = 0; i < 200000; i++) {
    const stepped = ((site[0] = 4), step(i));
    site[0] = 5;
    sum += await stepped;
  }
  const many = [];
  for (let i = 0; i < 100000; i++) many.push(((site[0] = 6), new Promise((resolve) => resolve(i))));
  const gathered = ((site[0] = 7), Promise.all(many));
  site[0] = 8;
  const all = await gathered;
  console.log('done', chained, sum, all.length);
}

site[0] = 9;
main();
