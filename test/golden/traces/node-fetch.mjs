// Promises Node's own code makes deep inside a call: fetch's and a Response body's.
const response = await fetch('data:text/plain,hello');
const text = await response.text();
console.log(text, response.status);
const pending = new Response('again').text();
pending.then((again) => console.log(again));
const [a, b] = await Promise.all([new Response('x').text(), Promise.resolve('y')]);
console.log(a, b);
