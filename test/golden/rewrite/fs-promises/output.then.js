// fs already has a promise API: the fix uses fs.promises instead of wrapping.
const fs = require('fs');
const path = require('path');

let text, stats;
fs.promises.readFile(__filename, 'utf8')
  .then((textValue) => {
    text = textValue;
    return fs.promises.stat(__filename);
  })
  .then((statsValue) => {
    stats = statsValue;
    return fs.promises.readdir(path.dirname(__filename));
  })
  .then((names) => {
    console.log(text.split('\n')[0], stats.isFile(), names.includes(path.basename(__filename)));
  })
  .catch((err) => {
    console.error('read failed', err.code);
  });
