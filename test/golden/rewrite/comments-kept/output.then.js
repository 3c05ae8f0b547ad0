function fetchA(callback) {
  setTimeout(() => callback('A'), 5);
}
function fetchB(a, callback) {
  setTimeout(() => callback(`${a}B`), 5);
}
function fetchC(b, callback) {
  setTimeout(() => callback(`${b}C`), 5);
}

// the whole flow
new Promise((resolve) => fetchA(resolve))
  .then((a) => {
    // we have A
    console.log(a); // print it
    /* now B */
    return new Promise((resolve) => fetchB(a, resolve));
  })
  .then((b) => new Promise((resolve) => fetchC(b, resolve)))
  .then((c) => {
    // done
    console.log(c);
  });
