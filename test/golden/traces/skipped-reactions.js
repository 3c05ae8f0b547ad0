// A reaction whose list holds no handler still takes a microtask: V8 passes the value (or the reason)
// on. The `.catch` on a chain that fulfilled is shown as skipped, with no handler; its timing is the
// same as under plain node (the `then` after it runs a tick later than one on the fulfilled chain).
// A `.then` with no rejection handler is known skipped only from its call's source, which the
// runner reads after the run (handlers.test.ts); this summary is the recording's alone.
const ok = Promise.resolve('value');
ok.then((v) => `${v}!`)
  .catch(function never() {
    console.log('never printed');
  })
  .then((v) => console.log('after the skipped catch:', v));
ok.then(() => console.log('a then on the fulfilled chain'));
Promise.reject(new Error('no'))
  .then(function notRun() {
    console.log('never printed');
  })
  .catch((e) => console.log('caught after the skipped then:', e.message));
