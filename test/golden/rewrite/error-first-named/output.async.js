// Nested error-first callbacks cannot all call their error `err` without shadowing: numbered and
// qualified names (`err2`, `statErr`, `errList`) are error-first too, and the usual
// `if (errN) return done(errN);` at every level becomes one .catch.
const fs = require('fs');

function inspectSelf(done) {
  void (async () => {
    try {
      const text = await fs.promises.readFile(__filename, 'utf8');
      const stats = await fs.promises.stat(__filename);
      const names = await fs.promises.readdir(__dirname);
      done(null, text.includes('inspectSelf'), stats.isFile(), names.includes('input.js'));
    } catch (err1) {
      return done(err1);
    }
  })();
}

inspectSelf((err, ...found) => console.log(err, found));
