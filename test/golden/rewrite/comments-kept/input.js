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
fetchA(function (a) {
  // we have A
  console.log(a); // print it
  /* now B */
  fetchB(a, function (b) {
    fetchC(b, function (c) {
      // done
      console.log(c);
    });
  });
});
