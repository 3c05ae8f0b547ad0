// The inner handler reads `user` from the outer one: flattened, it reads it from a `let` above the chain.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

wait({ name: 'Ada' }).then((user) => {
  return wait(['p1']).then((posts) => {
    console.log(user.name, posts);
  });
});
