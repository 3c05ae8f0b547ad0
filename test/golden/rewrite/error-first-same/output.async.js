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

void (async () => {
  let config;
  try {
    config = await util.promisify(readConfig)('main');
  } catch (err) {
    console.error('error:', err.message);
    return;
  }
  let conn;
  try {
    conn = await util.promisify(connect)(config);
  } catch (err) {
    console.error('error:', err.message);
    return;
  }
  let rows;
  try {
    rows = await util.promisify(query)(conn, 'SELECT 1');
  } catch (err) {
    console.error('error:', err.message);
    return;
  }
  console.log('rows', rows);
})();
