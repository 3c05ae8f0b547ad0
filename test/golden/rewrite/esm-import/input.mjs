// An ES module: the fix adds `import * as util` in the module's own style.
import { basename } from 'node:path';

function findId(name, callback) {
  setTimeout(() => callback(null, `id-${name}`), 5);
}

findId('a', (err, a) => {
  if (err) throw err;
  findId(a, (err, b) => {
    if (err) throw err;
    findId(b, (err, c) => {
      if (err) throw err;
      console.log(basename('/x/y.txt'), c);
    });
  });
});
