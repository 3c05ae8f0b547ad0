// `await` of a value that is not a promise still waits one microtask.
async function main() {
  console.log('before');
  const v = await 42;
  console.log('after', v);
}
main();
Promise.resolve().then(() => console.log('then'));
