// The chain is an arrow's whole body: a `let` outside the arrow would be shared by every call.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

const both = (id) => wait(id).then((a) => wait(a + 1).then((b) => [a, b]));
both(1).then((pair) => console.log(pair));
