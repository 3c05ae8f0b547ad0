// The inner handler reads `user` from the outer one: flattened, it reads it from a `let` above the chain.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

let user;
wait({ name: 'Ada' }).then((userValue) => {
  user = userValue;
  return wait(['p1']);
}).then((posts) => {
  console.log(user.name, posts);
});
