// A `finally` on a rejected chain that an async function awaits: V8's own promises for passing the
// reason on are V8's, not the program's, although its stack then ends in the awaiting function.
(async () => {
  await Promise.reject(new Error('late'))
    .finally(() => console.log('cleanup'))
    .then(null, (e) => console.log('handled', e.message));
  console.log('after the await');
})();
