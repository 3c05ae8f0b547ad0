// Every level handles its error the same way: the fix moves that into one .catch.
const util = require('util');

function readConfig(name, callback) {
  setTimeout(() => callback(null, { name, retries: 2 }), 5);
}
function connect(config, callback) {
  setTimeout(() => {
    if (config.retries < 1) return callback(new Error('no retries left'));
    callback(null, `conn:${config.name}`);
  }, 5);
}
function query(conn, sql, callback) {
  setTimeout(() => callback(new Error(`${sql} failed on ${conn}`)), 5);
}

new Promise((resolve) => readConfig('main', (err, config) => {
  if (err) {
    console.error('error:', err.message);
    return;
  }
  resolve(config);
}))
  .then((config) => new Promise((resolve) => connect(config, (err, conn) => {
    if (err) {
      console.error('error:', err.message);
      return;
    }
    resolve(conn);
  })))
  .then((conn) => new Promise((resolve) => query(conn, 'SELECT 1', (err, rows) => {
    if (err) {
      console.error('error:', err.message);
      return;
    }
    resolve(rows);
  })))
  .then((rows) => {
    console.log('rows', rows);
  });
