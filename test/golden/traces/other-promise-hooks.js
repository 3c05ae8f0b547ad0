// Promise hooks besides the tracer's (an AsyncLocalStorage, the program's own v8.promiseHooks): Node
// then calls every hook from one function of its own, which must not make the user's promises Node's.
const { AsyncLocalStorage } = require('node:async_hooks');
const v8 = require('node:v8');
let made = 0;
const stop = v8.promiseHooks.onInit(() => made++);
// The first promise made after another hook came: placed at its call (line 8, column 17), as any.
(async () => {})();
const als = new AsyncLocalStorage();
als.run({ user: 'ada' }, async () => {
  await null;
  console.log('store after await', als.getStore());
  const value = await new Promise((resolve) => setTimeout(resolve, 1, 42));
  console.log('value', value, 'store', als.getStore());
  return Promise.resolve(1).then((x) => x + 1);
}).then((x) => {
  stop();
  console.log('result', x, 'own hook saw promises:', made > 0);
});
