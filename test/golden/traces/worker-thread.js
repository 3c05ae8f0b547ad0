// A worker thread runs untraced (only the main thread is recorded) and as under plain node; its
// message and its exit reach the main thread as I/O callbacks.
const { Worker, isMainThread, parentPort } = require('worker_threads');
if (isMainThread) {
  const worker = new Worker(__filename);
  worker.on('message', (m) => console.log('main got', m));
  worker.on('exit', (code) => console.log('worker exit', code));
  Promise.resolve('main').then((v) => console.log(v));
} else {
  Promise.resolve(21).then((v) => parentPort.postMessage(v * 2));
}
