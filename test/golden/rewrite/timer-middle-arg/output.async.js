// setTimeout takes its callback first: the promise resolves in its place.
void (async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log('one');
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log('two');
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log('three');
})();
