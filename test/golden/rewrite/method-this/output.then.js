// db.query reads this.prefix: the promise keeps it bound to db.
const db = {
  prefix: 'db',
  query(sql, callback) {
    setTimeout(() => callback(null, `${this.prefix}:${sql}`), 5);
  },
};

let a, b;
new Promise((resolve, reject) => db.query('a', (err, value) => (err ? reject(err) : resolve(value))))
  .then((aValue) => {
    a = aValue;
    return new Promise((resolve, reject) => db.query('b', (err, value) => (err ? reject(err) : resolve(value))));
  })
  .then((bValue) => {
    b = bValue;
    return new Promise((resolve, reject) => db.query('c', (err, value) => (err ? reject(err) : resolve(value))));
  })
  .then((c) => {
    console.log(a, b, c);
  })
  .catch((err) => {
    return console.error(err.message);
  });
