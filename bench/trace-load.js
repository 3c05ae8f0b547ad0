// The promise-heavy program bench/trace.bench.mjs times plain and traced: over a million promises
// from then-chains, await in loops and Promise.all over 100k.
async function step(i) {
  return i;
}

async function main() {
  let chain = Promise.resolve(0);
  for (let i = 0; i < 400000; i++) chain = chain.then((v) => v + 1);
  const chained = await chain;
  let sum = 0;
  for (let i = 0; i < 200000; i++) sum += await step(i);
  const many = [];
  for (let i = 0; i < 100000; i++) many.push(new Promise((resolve) => resolve(i)));
  const all = await Promise.all(many);
  console.log('done', chained, sum, all.length);
}

main();
