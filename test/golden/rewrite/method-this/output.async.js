// db.query reads this.prefix: the promise keeps it bound to db.
const db = {
  prefix: 'db',
  query(sql, callback) {
    setTimeout(() => callback(null, `${this.prefix}:${sql}`), 5);
  },
};

void (async () => {
  let a;
  try {
    a = await new Promise((resolve, reject) => db.query('a', (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    return console.error(err.message);
  }
  let b;
  try {
    b = await new Promise((resolve, reject) => db.query('b', (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    return console.error(err.message);
  }
  let c;
  try {
    c = await new Promise((resolve, reject) => db.query('c', (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    return console.error(err.message);
  }
  console.log(a, b, c);
})();
