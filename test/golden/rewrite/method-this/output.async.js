// db.query reads this.prefix: the promise keeps it bound to db.
const db = {
  prefix: 'db',
  query(sql, callback) {
    setTimeout(() => callback(null, `${this.prefix}:${sql}`), 5);
  },
};

void (async () => {
  try {
    const a = await new Promise((resolve, reject) => db.query('a', (err, value) => (err ? reject(err) : resolve(value))));
    const b = await new Promise((resolve, reject) => db.query('b', (err, value) => (err ? reject(err) : resolve(value))));
    const c = await new Promise((resolve, reject) => db.query('c', (err, value) => (err ? reject(err) : resolve(value))));
    console.log(a, b, c);
  } catch (err) {
    return console.error(err.message);
  }
})();
