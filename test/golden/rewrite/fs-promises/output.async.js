// fs already has a promise API: the fix uses fs.promises instead of wrapping.
const fs = require('fs');
const path = require('path');

void (async () => {
  try {
    const text = await fs.promises.readFile(__filename, 'utf8');
    const stats = await fs.promises.stat(__filename);
    const names = await fs.promises.readdir(path.dirname(__filename));
    console.log(text.split('\n')[0], stats.isFile(), names.includes(path.basename(__filename)));
  } catch (err) {
    console.error('read failed', err.code);
  }
})();
