// `return callback(...)` before the next level: the step calls it and ends the chain there.
function exists(name, callback) {
  setTimeout(() => callback(name !== 'missing'), 2);
}
function read(name, callback) {
  setTimeout(() => (name === 'bad' ? callback(new Error(`cannot read ${name}`)) : callback(null, `<${name}>`)), 2);
}

function load(name, callback) {
  void (async () => {
    const found = await new Promise((resolve) => exists(name, resolve));
    if (!found) return callback(new Error(`${name} not found`));
    let text;
    try {
      text = await new Promise((resolve, reject) => read(name, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    let meta;
    try {
      meta = await new Promise((resolve, reject) => read(`${text}.meta`, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    callback(null, `${text} ${meta}`);
  })();
}

for (const name of ['a', 'missing', 'bad']) {
  load(name, (err, value) => console.log(name, err ? `error: ${err.message}` : value));
}
