// `await` of values that are not promises: V8 wraps each in a promise first. The wrapper derives
// from nothing and is no reaction of the awaiting function's promise, so a rejection after such an
// await is still unhandled.
async function values() {
  const a = await null;
  const b = await { then(resolve) { resolve('thenable'); } };
  const c = await 42;
  console.log(a, b, c);
}

async function fails() {
  await undefined;
  throw new Error('after an await of a value');
}

values();
fails();
