// Later levels declare names earlier ones used (`doc`, `payload`), and the code around has its own
// `doc`: each variable a later step reads gets its own name above the chain.
function query(step, callback) {
  setTimeout(() => callback(null, { items: [{ id: step, payload: `p${step}` }] }), 2);
}
function transition(payload, callback) {
  setTimeout(() => (payload === 'p3' ? callback(new Error('bad payload')) : callback(null, `${payload}!`)), 2);
}

function authenticate(start, callback) {
  var doc = 'outer';
  let doc2, doc3, command;
  new Promise((resolve) => query(start, (err, doc) => {
    if (err || !doc) return callback(err);
    resolve(doc);
  }))
    .then((doc2Value) => {
      doc2 = doc2Value;
      doc2 = doc2.items[0];
      return new Promise((resolve) => transition(doc2.payload, (err, payload) => {
        if (err) return callback(err);
        resolve(payload);
      }));
    })
    .then((payload) => {
      command = { id: doc2.id, payload };
      return new Promise((resolve) => query(command.id + 1, (err, doc) => {
        if (err) return callback(err);
        resolve(doc);
      }));
    })
    .then((doc3Value) => {
      doc3 = doc3Value;
      doc3 = doc3.items[0];
      return new Promise((resolve) => transition(doc3.payload, (err, payload) => {
        if (err) return callback(err);
        resolve(payload);
      }));
    })
    .then((payload) => {
      callback(null, { doc: doc3, command, payload });
    });
  console.log('started with', doc);
}

authenticate(1, (err, v) => console.log(err ? err.message : JSON.stringify(v)));
authenticate(2, (err, v) => console.log(err ? err.message : JSON.stringify(v)));
