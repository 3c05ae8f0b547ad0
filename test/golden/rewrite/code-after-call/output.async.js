// Code after an async call runs before its callback, and must still.
function load(name, callback) {
  setTimeout(() => callback(`${name}!`), 5);
}

console.log('start');
void (async () => {
  const a = await new Promise((resolve) => load('a', resolve));
  console.log('got', a);
  const next = new Promise((resolve) => load('b', resolve));
  console.log('b requested');
  const b = await next;
  console.log('got', b);
  const next2 = new Promise((resolve) => load('c', resolve));
  console.log('c requested');
  const c = await next2;
  console.log('got', c, 'after', a, b);
})();
console.log('a requested');
