// A function that takes a node-style callback and calls it at the end of its pyramid. The rewrite must
// call it exactly once: on error from the level's own check, on success from the last step.
function readConfig(name, callback) {
  setTimeout(() => (name ? callback(null, { name }) : callback(new Error('no name'))), 5);
}
function connect(config, callback) {
  setTimeout(() => callback(null, `conn:${config.name}`), 5);
}
function query(conn, callback) {
  setTimeout(() => callback(null, [conn, 'row']), 5);
}

function getRows(name, callback) {
  void (async () => {
    let config;
    try {
      config = await new Promise((resolve, reject) => readConfig(name, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    let conn;
    try {
      conn = await new Promise((resolve, reject) => connect(config, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    let rows;
    try {
      rows = await new Promise((resolve, reject) => query(conn, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    callback(null, rows);
  })();
}

let calls = 0;
getRows('main', (err, rows) => {
  calls++;
  console.log('main:', err ? err.message : rows, 'call', calls);
});
getRows('', (err, rows) => {
  calls++;
  console.log('empty:', err ? err.message : rows, 'call', calls);
});
