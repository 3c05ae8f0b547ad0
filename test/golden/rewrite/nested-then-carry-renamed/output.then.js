// The block around the chain already has a `user`: the carried one gets a fresh name.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

const user = 'module-level user';
let user2;
wait('Ada')
  .then((userValue) => {
    user2 = userValue;
    return wait(user2.length);
  })
  .then((size) => ({ user: user2, size }))
  .then((result) => console.log(result, user));
