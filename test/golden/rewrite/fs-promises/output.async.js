// fs already has a promise API: the fix uses fs.promises instead of wrapping.
const fs = require('fs');
const path = require('path');

void (async () => {
  let text;
  try {
    text = await fs.promises.readFile(__filename, 'utf8');
  } catch (err) {
    console.error('read failed', err.code);
    return;
  }
  let stats;
  try {
    stats = await fs.promises.stat(__filename);
  } catch (err) {
    console.error('read failed', err.code);
    return;
  }
  let names;
  try {
    names = await fs.promises.readdir(path.dirname(__filename));
  } catch (err) {
    console.error('read failed', err.code);
    return;
  }
  console.log(text.split('\n')[0], stats.isFile(), names.includes(path.basename(__filename)));
})();
