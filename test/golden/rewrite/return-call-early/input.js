// `return callback(...)` before the next level: the step calls it and ends the chain there.
function exists(name, callback) {
  setTimeout(() => callback(name !== 'missing'), 2);
}
function read(name, callback) {
  setTimeout(() => (name === 'bad' ? callback(new Error(`cannot read ${name}`)) : callback(null, `<${name}>`)), 2);
}

function load(name, callback) {
  exists(name, (found) => {
    if (!found) return callback(new Error(`${name} not found`));
    read(name, (err, text) => {
      if (err) return callback(err);
      read(`${text}.meta`, (err, meta) => {
        if (err) return callback(err);
        callback(null, `${text} ${meta}`);
      });
    });
  });
}

for (const name of ['a', 'missing', 'bad']) {
  load(name, (err, value) => console.log(name, err ? `error: ${err.message}` : value));
}
