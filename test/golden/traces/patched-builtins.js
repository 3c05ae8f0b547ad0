// The program patches builtins the tracer's own bookkeeping uses (collections, Object and Reflect,
// strings, regular expressions, JSON, Math, util.inspect, the clock, fs, Buffer, array iterators,
// Function#call) and counts the calls.
// The tracer must not call the program's versions: the counts are the same as under plain node.
const util = require('util');
// The tracer loads worker_threads when it starts, which loads diagnostics_channel, whose first load
// iterates arrays; taken here first, so that both runs count only the calls made from now on.
require('diagnostics_channel');
const fs = require('fs');
const apply = Reflect.apply;
const writeSync = fs.writeSync;
const counts = Object.create(null);
function spy(owner, name, label) {
  const original = owner[name];
  owner[name] = function (...args) {
    counts[label] = (counts[label] || 0) + 1;
    return apply(original, this, args);
  };
}
spy(Map.prototype, 'get', 'Map#get');
spy(Map.prototype, 'set', 'Map#set');
spy(Set.prototype, 'add', 'Set#add');
spy(Set.prototype, 'has', 'Set#has');
spy(WeakMap.prototype, 'get', 'WeakMap#get');
spy(Object, 'getOwnPropertyDescriptor', 'Object.getOwnPropertyDescriptor');
spy(Object, 'getPrototypeOf', 'Object.getPrototypeOf');
spy(Reflect, 'apply', 'Reflect.apply');
spy(Reflect, 'ownKeys', 'Reflect.ownKeys');
spy(String.prototype, 'startsWith', 'String#startsWith');
spy(String.prototype, 'endsWith', 'String#endsWith');
spy(RegExp.prototype, 'exec', 'RegExp#exec');
spy(JSON, 'stringify', 'JSON.stringify');
spy(Math, 'round', 'Math.round');
spy(Math, 'floor', 'Math.floor');
spy(util, 'inspect', 'util.inspect');
spy(performance, 'now', 'performance.now');
spy(fs, 'writeSync', 'fs.writeSync');
spy(Buffer, 'from', 'Buffer.from');
spy(Array.prototype, Symbol.iterator, 'Array#@@iterator');
spy(Object.getPrototypeOf([][Symbol.iterator]()), 'next', 'ArrayIterator#next');
// Node makes process.stdout on first use, calling these: the tracer must not make it earlier.
spy(Function.prototype, 'call', 'Function#call');
const seen = () => JSON.stringify(Object.keys(counts).sort().map((k) => [k, counts[k]]));

// Values the tracer previews (objects, errors, a Map), timers, ticks, microtasks and a combinator.
Promise.all([Promise.resolve({ a: 1, list: [1, 2] }), Promise.resolve(new Map([[1, 'x']]))])
  .then(() => Promise.reject(new RangeError('kept')))
  .catch((e) => ({ caught: e.message }))
  .then(() => {
    setTimeout(() => {
      queueMicrotask(() => {
        process.nextTick(() => {
          // Makes process.stdout now, as under plain node. The counts (which depend on Node's version)
          // go straight to the descriptor: compared with plain node's output, not kept in the golden.
          console.log('done');
          writeSync(1, `calls ${seen()}\n`);
        });
      });
    }, 1);
  });
