// `await` of a promise that already settled still waits a microtask; a rejection throws at the await.
async function main() {
  const ready = Promise.resolve('ready');
  console.log(await ready);
  try {
    await Promise.reject(new Error('nope'));
  } catch (e) {
    console.log('caught', e.message);
  }
  try {
    await new Promise((resolve, reject) => setTimeout(reject, 5, new Error('late')));
  } catch (e) {
    console.log('caught', e.message);
  }
}
main();
