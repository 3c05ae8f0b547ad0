// Nested error-first callbacks cannot all call their error `err` without shadowing: numbered and
// qualified names (`err2`, `statErr`, `errList`) are error-first too, and the usual
// `if (errN) return done(errN);` at every level becomes one .catch.
const fs = require('fs');

function inspectSelf(done) {
  let text, stats;
  new Promise((resolve) => fs.readFile(__filename, 'utf8', (err1, text) => {
    if (err1) return done(err1);
    resolve(text);
  }))
    .then((textValue) => {
      text = textValue;
      return new Promise((resolve) => fs.stat(__filename, (statErr, stats) => {
        if (statErr) return done(statErr);
        resolve(stats);
      }));
    })
    .then((statsValue) => {
      stats = statsValue;
      return new Promise((resolve) => fs.readdir(__dirname, (errList, names) => {
        if (errList) return done(errList);
        resolve(names);
      }));
    })
    .then((names) => {
      done(null, text.includes('inspectSelf'), stats.isFile(), names.includes('input.js'));
    });
}

inspectSelf((err, ...found) => console.log(err, found));
