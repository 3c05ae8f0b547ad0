// Nested error-first callbacks cannot all call their error `err` without shadowing: numbered and
// qualified names (`err2`, `statErr`, `errList`) are error-first too, and the usual
// `if (errN) return done(errN);` at every level becomes one .catch.
const fs = require('fs');

function inspectSelf(done) {
  fs.readFile(__filename, 'utf8', (err1, text) => {
    if (err1) return done(err1);
    fs.stat(__filename, (statErr, stats) => {
      if (statErr) return done(statErr);
      fs.readdir(__dirname, (errList, names) => {
        if (errList) return done(errList);
        done(null, text.includes('inspectSelf'), stats.isFile(), names.includes('input.js'));
      });
    });
  });
}

inspectSelf((err, ...found) => console.log(err, found));
