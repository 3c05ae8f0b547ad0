// The least a promise recorder can do, for the floor bench: V8's promise hooks writing int32 records
// into a typed buffer, nothing checked, nothing told apart, no string. Each level adds one part of
// what the real runtime (src/runtime/) records; the creation place is read from a slot the
// instrumented program fills (bench/floor/instrumented.js), so it costs nothing here.
//   PROMISE_LENS_FLOOR=ids|promises|values|jobs|times  PROMISE_LENS_FLOOR_OUT=file
'use strict';
const v8 = require('v8');
const fs = require('fs');

const LEVELS = ['ids', 'promises', 'values', 'jobs', 'times'];
const level = LEVELS.indexOf(process.env.PROMISE_LENS_FLOOR);
if (level < 0) throw new Error(`PROMISE_LENS_FLOOR must be one of ${LEVELS.join(', ')}`);
const site = (globalThis.__promiseLensFloorSite = new Int32Array(1));

// Node's own reader of a promise's state and result (the runtime's way too), muting the warning the
// module prints for Node's tests.
const emitWarning = process.emitWarning;
process.emitWarning = () => undefined;
const details = require('internal/test/binding').internalBinding('util').getPromiseDetails;
process.emitWarning = emitWarning;

const fd = fs.openSync(process.env.PROMISE_LENS_FLOOR_OUT, 'w');
const WORDS = 1 << 16;
const words = new Int32Array(WORDS);
let used = 0;
const flush = () => {
  fs.writeSync(fd, new Uint8Array(words.buffer, 0, used * 4));
  used = 0;
};
const room = () => {
  if (used + 4 > WORDS) flush();
};
const ID = Symbol('id');
let nextId = 1;
const started = performance.now();
const time = () => Math.round((performance.now() - started) * 1000);

const hooks = {
  init(promise, parent) {
    const id = nextId++;
    promise[ID] = id;
    room();
    words[used++] = 1;
    words[used++] = id;
    if (level >= 1) {
      words[used++] = parent === undefined ? 0 : parent[ID];
      words[used++] = site[0];
    }
  },
};
if (level >= 2) {
  hooks.settled = (promise) => {
    room();
    const [state, value] = details(promise);
    words[used++] = 2;
    words[used++] = promise[ID];
    words[used++] = state;
    words[used++] = typeof value === 'number' && (value | 0) === value ? value : -1;
  };
}
if (level >= 3) {
  hooks.before = (promise) => {
    room();
    words[used++] = 3;
    words[used++] = promise[ID];
    if (level >= 4) words[used++] = time();
  };
  hooks.after = () => {
    room();
    words[used++] = 4;
    if (level >= 4) words[used++] = time();
  };
}
v8.promiseHooks.createHook(hooks);
process.on('exit', flush);
