// Guards that check more than the error: `if (err || !user)`, and each level its own message.
function findUser(id, callback) {
  setTimeout(() => callback(null, id === 1 ? { id, name: 'Ada' } : undefined), 5);
}
function loadPosts(user, callback) {
  setTimeout(() => callback(null, [`${user.name}'s first post`]), 5);
}
function render(posts, callback) {
  setTimeout(() => (posts.length ? callback(null, posts.join('\n')) : callback(new Error('nothing to render'))), 5);
}

for (const id of [1, 2]) {
  void (async () => {
    const user = await new Promise((resolve) => findUser(id, (err, user) => {
      if (err || !user) return console.log(`user ${id} not found`);
      resolve(user);
    }));
    let posts;
    try {
      posts = await new Promise((resolve, reject) => loadPosts(user, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      console.log('posts failed:', err.message);
      return;
    }
    let html;
    try {
      html = await new Promise((resolve, reject) => render(posts, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return console.log('render failed:', err.message);
    }
    console.log(html);
  })();
}
