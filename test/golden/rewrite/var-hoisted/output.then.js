// A `var` set on both branches of an `if` and read two levels down: declared above the chain.
function stat(name, callback) {
  setTimeout(() => callback(null, { dir: name.endsWith('/') }), 2);
}
function exists(name, callback) {
  setTimeout(() => callback(name.length > 3), 2);
}
function make(dir, callback) {
  setTimeout(() => callback(null), 2);
}

function place(src, callback) {
  let dir;
  new Promise((resolve) => stat(src, (err, stats) => {
    if (err) return callback(err);
    resolve(stats);
  }))
    .then((stats) => {
      dir = null;
      if (stats.dir) {
        dir = src;
      } else {
        dir = src + '/';
      }
      return new Promise((resolve) => exists(dir, resolve));
    })
    .then((dirExists) => {
      if (dirExists) { callback(null, `${dir} was there`); return new Promise(() => {}); }
      return new Promise((resolve) => make(dir, (err) => {
        if (err) return callback(err);
        resolve();
      }));
    })
    .then(() => {
      callback(null, `${dir} made`);
    });
}

place('a', (err, v) => console.log(err || v));
place('abcd/', (err, v) => console.log(err || v));
