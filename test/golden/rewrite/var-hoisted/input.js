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
  stat(src, function (err, stats) {
    if (err) return callback(err);
    var dir = null;
    if (stats.dir) {
      dir = src;
    } else {
      dir = src + '/';
    }
    exists(dir, function (dirExists) {
      if (dirExists) return callback(null, `${dir} was there`);
      make(dir, function (err) {
        if (err) return callback(err);
        callback(null, `${dir} made`);
      });
    });
  });
}

place('a', (err, v) => console.log(err || v));
place('abcd/', (err, v) => console.log(err || v));
