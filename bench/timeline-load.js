// A program for the timeline bench: many rounds of timers, promise chains, awaits and combinators, so
// its trace has the shape of real async code at any size. ROUNDS comes from the environment.
const rounds = Number(process.env.ROUNDS || 1000);

async function step(i) {
  const a = Promise.resolve(i).then((v) => v + 1);
  const b = new Promise((resolve) => setImmediate(() => resolve(i)));
  const [x, y] = await Promise.all([a, b]);
  if (i % 50 === 0) console.log('round', i, x + y);
  return x + y;
}

let done = 0;
function next() {
  if (done >= rounds) return;
  const i = done++;
  setTimeout(() => {
    step(i).then(next, (error) => console.error(error));
  }, 0);
}
for (let k = 0; k < 4; k++) next();
