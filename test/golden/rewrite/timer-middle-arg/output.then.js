// setTimeout takes its callback first: the promise resolves in its place.
new Promise((resolve) => setTimeout(resolve, 5))
  .then(() => {
    console.log('one');
    return new Promise((resolve) => setTimeout(resolve, 5));
  })
  .then(() => {
    console.log('two');
    return new Promise((resolve) => setTimeout(resolve, 5));
  })
  .then(() => {
    console.log('three');
  });
