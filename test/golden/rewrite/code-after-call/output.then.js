// Code after an async call runs before its callback, and must still.
function load(name, callback) {
  setTimeout(() => callback(`${name}!`), 5);
}

console.log('start');
let a, b;
new Promise((resolve) => load('a', resolve))
  .then((aValue) => {
    a = aValue;
    console.log('got', a);
    const next = new Promise((resolve) => load('b', resolve));
    console.log('b requested');
    return next;
  })
  .then((bValue) => {
    b = bValue;
    console.log('got', b);
    const next2 = new Promise((resolve) => load('c', resolve));
    console.log('c requested');
    return next2;
  })
  .then((c) => {
    console.log('got', c, 'after', a, b);
  });
console.log('a requested');
