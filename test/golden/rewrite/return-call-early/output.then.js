// `return callback(...)` before the next level: the step calls it and ends the chain there.
function exists(name, callback) {
  setTimeout(() => callback(name !== 'missing'), 2);
}
function read(name, callback) {
  setTimeout(() => (name === 'bad' ? callback(new Error(`cannot read ${name}`)) : callback(null, `<${name}>`)), 2);
}

function load(name, callback) {
  let text;
  new Promise((resolve) => exists(name, resolve))
    .then((found) => {
      if (!found) { callback(new Error(`${name} not found`)); return new Promise(() => {}); }
      return new Promise((resolve) => read(name, (err, text) => {
        if (err) return callback(err);
        resolve(text);
      }));
    })
    .then((textValue) => {
      text = textValue;
      return new Promise((resolve) => read(`${text}.meta`, (err, meta) => {
        if (err) return callback(err);
        resolve(meta);
      }));
    })
    .then((meta) => {
      callback(null, `${text} ${meta}`);
    });
}

for (const name of ['a', 'missing', 'bad']) {
  load(name, (err, value) => console.log(name, err ? `error: ${err.message}` : value));
}
