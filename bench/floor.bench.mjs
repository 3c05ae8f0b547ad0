// The floor under the tracer's cost, printed side by side in one run: bench/trace-load.js plain, and
// its instrumented copy under the least recorder V8's promise hooks allow (bench/floor/recorder.cjs),
// one level of recording at a time, with every creation place handed over for free by the program.
// No tracer that records what docs/trace-format.md holds can run faster than the level it needs.
//   node bench/floor.bench.mjs [rounds]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, plainEnv, root, scratch, timeRun } from './sideBySide.mjs';

const plainProgram = join(root, 'bench/trace-load.js');
const program = join(root, 'bench/floor/instrumented.js');
const recorder = join(root, 'bench/floor/recorder.cjs');
const rounds = Number(process.argv[2]) || 5;
const work = scratch('pl-floor-bench-');
const out = join(work, 'floor.bin');

const LEVELS = [
  ['ids', 'an id stamped on each promise, written to a typed buffer'],
  ['promises', '+ its parent and creation place'],
  ['values', '+ its state and value when it settles'],
  ['jobs', '+ each promise job, start and end'],
  ['times', '+ a clock reading at each job start and end'],
];

const clean = plainEnv();
const times = { plain: [] };
let expected = '';
for (let r = 0; r < rounds; r++) {
  const plain = timeRun([plainProgram], clean);
  times.plain.push(plain.ms);
  expected = plain.stdout;
  for (const [level] of LEVELS) {
    const run = timeRun(['--expose-internals', '--require', recorder, program], {
      ...clean,
      PROMISE_LENS_FLOOR: level,
      PROMISE_LENS_FLOOR_OUT: out,
    });
    if (run.stdout !== expected) throw new Error(`${level}: output differs: ${run.stdout} vs ${expected}`);
    (times[level] ??= []).push(run.ms);
  }
}

// The last recording (every level) must hold what the table claims: a record per promise, each with
// its creation place, and a settle record per promise.
const words = new Int32Array(readFileSync(out).buffer.slice(0));
let promises = 0;
let placed = 0;
let settled = 0;
for (let i = 0; i < words.length;) {
  const op = words[i];
  if (op === 1) {
    promises++;
    if (words[i + 3] !== 0) placed++;
    i += 4;
  } else if (op === 2) {
    settled++;
    i += 4;
  } else if (op === 3) i += 3;
  else if (op === 4) i += 2;
  else throw new Error(`floor recording: unknown record ${op} at word ${i}`);
}
if (promises < 1_000_000 || placed !== promises || settled !== promises) {
  throw new Error(`floor recording: ${promises} promises, ${placed} placed, ${settled} settled`);
}

const p = median(times.plain);
console.log(`floor: ${promises} promises recorded, all placed and settled; the creation place is free here`);
console.log(`plain      ${p.toFixed(0)} ms (median of ${rounds})`);
for (const [level, what] of LEVELS) {
  const t = median(times[level]);
  console.log(`${level.padEnd(10)} ${t.toFixed(0).padStart(4)} ms  ${(t / p).toFixed(2)}x  ${what}`);
}
