// setTimeout takes its callback first: the promise resolves in its place.
setTimeout(function () {
  console.log('one');
  setTimeout(function () {
    console.log('two');
    setTimeout(function () {
      console.log('three');
    }, 5);
  }, 5);
}, 5);
