// The block around the chain already has a `user`: the carried one gets a fresh name.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

const user = 'module-level user';
wait('Ada')
  .then((user) => wait(user.length).then((size) => ({ user, size })))
  .then((result) => console.log(result, user));
