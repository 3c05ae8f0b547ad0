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
void (async () => {
  const a = await new Promise((resolve) => fetchA(resolve));
  // we have A
  console.log(a); // print it
  /* now B */
  const b = await new Promise((resolve) => fetchB(a, resolve));
  const c = await new Promise((resolve) => fetchC(b, resolve));
  // done
  console.log(c);
})();
