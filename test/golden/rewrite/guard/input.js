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
  findUser(id, (err, user) => {
    if (err || !user) return console.log(`user ${id} not found`);
    loadPosts(user, (err, posts) => {
      if (err) {
        console.log('posts failed:', err.message);
        return;
      }
      render(posts, (err, html) => {
        if (err) return console.log('render failed:', err.message);
        console.log(html);
      });
    });
  });
}
