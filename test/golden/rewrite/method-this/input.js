// db.query reads this.prefix: the promise keeps it bound to db.
const db = {
  prefix: 'db',
  query(sql, callback) {
    setTimeout(() => callback(null, `${this.prefix}:${sql}`), 5);
  },
};

db.query('a', (err, a) => {
  if (err) return console.error(err.message);
  db.query('b', (err, b) => {
    if (err) return console.error(err.message);
    db.query('c', (err, c) => {
      if (err) return console.error(err.message);
      console.log(a, b, c);
    });
  });
});
