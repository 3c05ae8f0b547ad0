// db.query reads this.prefix: the promise keeps it bound to db.
const db = {
  prefix: 'db',
  query(sql, callback) {
    setTimeout(() => callback(null, `${this.prefix}:${sql}`), 5);
  },
};

let a, b;
new Promise((resolve) => db.query('a', (err, a) => {
  if (err) return console.error(err.message);
  resolve(a);
}))
  .then((aValue) => {
    a = aValue;
    return new Promise((resolve) => db.query('b', (err, b) => {
      if (err) return console.error(err.message);
      resolve(b);
    }));
  })
  .then((bValue) => {
    b = bValue;
    return new Promise((resolve) => db.query('c', (err, c) => {
      if (err) return console.error(err.message);
      resolve(c);
    }));
  })
  .then((c) => {
    console.log(a, b, c);
  });
