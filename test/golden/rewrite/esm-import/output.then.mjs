// An ES module: the fix adds `import * as util` in the module's own style.
import { basename } from 'node:path';

function findId(name, callback) {
  setTimeout(() => callback(null, `id-${name}`), 5);
}

new Promise((resolve, reject) => findId('a', (err, value) => (err ? reject(err) : resolve(value))))
  .then((a) => new Promise((resolve, reject) => findId(a, (err, value) => (err ? reject(err) : resolve(value)))))
  .then((b) => new Promise((resolve, reject) => findId(b, (err, value) => (err ? reject(err) : resolve(value)))))
  .then((c) => {
    console.log(basename('/x/y.txt'), c);
  });
