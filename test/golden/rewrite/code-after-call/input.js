// Code after an async call runs before its callback, and must still.
function load(name, callback) {
  setTimeout(() => callback(`${name}!`), 5);
}

console.log('start');
load('a', (a) => {
  console.log('got', a);
  load('b', (b) => {
    console.log('got', b);
    load('c', (c) => {
      console.log('got', c, 'after', a, b);
    });
    console.log('c requested');
  });
  console.log('b requested');
});
console.log('a requested');
