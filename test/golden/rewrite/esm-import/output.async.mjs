// An ES module: the fix adds `import * as util` in the module's own style.
import { basename } from 'node:path';

function findId(name, callback) {
  setTimeout(() => callback(null, `id-${name}`), 5);
}

void (async () => {
  const a = await new Promise((resolve, reject) => findId('a', (err, value) => (err ? reject(err) : resolve(value))));
  const b = await new Promise((resolve, reject) => findId(a, (err, value) => (err ? reject(err) : resolve(value))));
  const c = await new Promise((resolve, reject) => findId(b, (err, value) => (err ? reject(err) : resolve(value))));
  console.log(basename('/x/y.txt'), c);
})();
