// Error checks other than `if (err) return ...`: they stay in their callbacks exactly as written.
function get(key, fail, callback) {
  setTimeout(() => (fail ? callback(new Error(`${key} failed`)) : callback(null, key.toUpperCase())), 5);
}

function run(label, failAt) {
  get('a', failAt === 1, (err, a) => {
    if (err != null) return console.log(label, 'a:', err.message);
    get('b', failAt === 2, (err, b) => {
      // The success code runs after this branch too, as it always did.
      if (err) {
        console.log(label, 'b failed, going on:', err.message);
      }
      get('c', failAt === 3, (err, c) => {
        if (err) {
          if (label === 'quiet') return;
          console.log(label, 'c:', err.message);
          return;
        }
        console.log(label, a, b, c);
      });
    });
  });
}
run('ok', 0);
run('first', 1);
run('second', 2);
run('third', 3);
run('quiet', 3);
