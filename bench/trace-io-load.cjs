// The I/O-heavy program bench/trace-io.bench.mjs times plain and traced: sequential fs/promises
// reads, where most promises are Node's own.
const { readFile } = require('fs/promises');

async function main() {
  let bytes = 0;
  for (let i = 0; i < 3000; i++) bytes += (await readFile(__filename)).length;
  console.log('read', bytes > 0);
}

main();
