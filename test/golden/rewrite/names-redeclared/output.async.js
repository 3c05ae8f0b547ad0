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
  void (async () => {
    let doc = await new Promise((resolve) => query(start, (err, doc) => {
      if (err || !doc) return callback(err);
      resolve(doc);
    }));
    doc = doc.items[0];
    let payload;
    try {
      payload = await new Promise((resolve, reject) => transition(doc.payload, (err, value) => (err ? reject(err) : resolve(value))));
    } catch (err) {
      return callback(err);
    }
    var command = { id: doc.id, payload };
    query(command.id + 1, function (err, doc) {
      if (err) return callback(err);
      doc = doc.items[0];
      transition(doc.payload, function (err, payload) {
        if (err) return callback(err);
        callback(null, { doc, command, payload });
      });
    });
  })();
  console.log('started with', doc);
}

authenticate(1, (err, v) => console.log(err ? err.message : JSON.stringify(v)));
authenticate(2, (err, v) => console.log(err ? err.message : JSON.stringify(v)));
