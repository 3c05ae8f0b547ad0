// Nested error-first callbacks cannot all call their error `err` without shadowing: numbered and
// qualified names (`err2`, `statErr`, `errList`) are error-first too, and the usual
// `if (errN) return done(errN);` at every level becomes one .catch.
const fs = require('fs');

function inspectSelf(done) {
  void (async () => {
    let text;
    try {
      text = await fs.promises.readFile(__filename, 'utf8');
    } catch (err1) {
      return done(err1);
    }
    let stats;
    try {
      stats = await fs.promises.stat(__filename);
    } catch (statErr) {
      return done(statErr);
    }
    let names;
    try {
      names = await fs.promises.readdir(__dirname);
    } catch (errList) {
      return done(errList);
    }
    done(null, text.includes('inspectSelf'), stats.isFile(), names.includes('input.js'));
  })();
}

inspectSelf((err, ...found) => console.log(err, found));
