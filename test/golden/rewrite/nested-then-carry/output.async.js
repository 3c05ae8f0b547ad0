// The pyramid people write to keep earlier values in reach: each handler reads the ones above it.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));
const getUser = (id) => wait({ id, name: 'Ada' });
const getPosts = (user) => wait([`${user.name}'s first`, `${user.name}'s second`]);
const countLikes = (user, posts) => wait(posts.length * 10 + user.id);

function summary(id) {
  let user, posts;
  return getUser(id).then((userValue) => {
    user = userValue;
    return getPosts(user);
  }).then((postsValue) => {
    posts = postsValue;
    return countLikes(user, posts);
  }).then((likes) => {
    console.log('user', user.name, 'posts', posts.length, 'likes', likes);
    return `${user.name}: ${posts.join(', ')} (${likes} likes)`;
  });
}

summary(1).then((text) => console.log('resolved to', text));
summary(2).then((text) => console.log('resolved to', text));
