// Enough promises (over 2,000 records) for the tracer to start its flusher thread while the program
// runs (src/runtime/flusher.ts), with builtins patched and counted: starting that thread must stay
// out of the program's sight (no tick, no 'worker' event, no call of a patched builtin, nothing among
// its active resources), and the program's order and output are plain node's.
const { EventEmitter } = require('events');
const { MessagePort } = require('worker_threads');
const apply = Reflect.apply;
const counts = Object.create(null);
function spy(owner, name, label) {
  const original = owner[name];
  owner[name] = function (...args) {
    counts[label] = (counts[label] || 0) + 1;
    return apply(original, this, args);
  };
}
// What Node's code calls through the prototype while it starts a worker (and the tracer's own
// 100 ms timer makes no call of these, should it fire in a slower traced run).
spy(Function.prototype, 'call', 'Function#call');
spy(Function.prototype, 'apply', 'Function#apply');
spy(EventEmitter, 'init', 'EventEmitter.init');
spy(EventEmitter.prototype, 'on', 'EventEmitter#on');
spy(EventEmitter.prototype, 'emit', 'EventEmitter#emit');
for (const name of ['on', 'addEventListener', 'ref', 'unref', 'start', 'postMessage']) {
  let owner = MessagePort.prototype;
  while (!Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner);
  spy(owner, name, `MessagePort#${name}`);
}
spy(Map.prototype, 'get', 'Map#get');
spy(Object, 'defineProperty', 'Object.defineProperty');
spy(process, 'nextTick', 'process.nextTick');
process.on('worker', () => console.log('a worker started'));

let chain = Promise.resolve(0);
for (let i = 0; i < 600; i++) chain = chain.then((v) => v + 1);
chain.then((v) => {
  console.log('chain ended at', v);
  setTimeout(() => {
    console.log('active:', process.getActiveResourcesInfo().join(', ') || 'none');
    console.log('calls:', JSON.stringify(counts));
  }, 30);
});
console.error('script ends');
