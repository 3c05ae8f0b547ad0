import * as assert from 'node:assert/strict';
import { analyze, planFix, type Rule } from '../../../../src/core/callbackHell';

/**
 * A labelled detection corpus: each snippet with the findings a reader would expect (rule and line of
 * the outermost call). Precision and recall are printed and must stay at 1; the share of true pyramids
 * the .then fix rewrites is printed too (the rest decline with a reason).
 */
interface Sample {
  name: string;
  kind?: 'JS' | 'TSX';
  code: string;
  expected: Array<[Rule, number]>;
}

const corpus: Sample[] = [
  {
    name: 'success-only pyramid',
    expected: [['callback-hell', 1]],
    code: `
createOrder(cart, function (order) {
  proceedToPayment(order, function (payment) {
    showOrderSummary(payment, function (summary) {
      console.log(summary);
    });
  });
});`,
  },
  {
    name: 'error-first fs pyramid',
    expected: [['callback-hell', 2]],
    code: `const fs = require('fs');
fs.readFile('a', 'utf8', (err, a) => {
  if (err) return console.error(err);
  fs.readFile(a, 'utf8', (err, b) => {
    if (err) return console.error(err);
    fs.writeFile('c', a + b, (err) => {
      if (err) return console.error(err);
      console.log('done');
    });
  });
});`,
  },
  {
    name: 'request handler',
    expected: [['callback-hell', 1]],
    code: `app.get('/', (req, res) => {
  db.query('select', (err, rows) => {
    if (err) return res.status(500).end();
    fs.readFile(rows[0].path, (err, data) => {
      if (err) return res.status(500).end();
      res.send(data);
    });
  });
});`,
  },
  {
    name: 'timers',
    expected: [['callback-hell', 1]],
    code: `setTimeout(() => {
  setTimeout(() => {
    setTimeout(() => console.log('3'), 10);
  }, 10);
}, 10);`,
  },
  {
    name: 'a forEach between levels',
    expected: [['callback-hell', 1]],
    code: `load(1, (list) => {
  list.forEach((item) => {
    save(item, (saved) => {
      notify(saved, () => console.log('ok'));
    });
  });
});`,
  },
  {
    name: 'in a class method',
    expected: [['callback-hell', 3]],
    code: `class Repo {
  sync() {
    this.pull((a) => {
      this.merge(a, (b) => {
        this.push(b, () => console.log('synced'));
      });
    });
  }
}`,
  },
  {
    name: 'in a TSX handler',
    kind: 'TSX',
    expected: [['callback-hell', 2]],
    code: `const Button = () => <button onClick={() => {
  load(1, (a: number) => {
    load(a, (b) => {
      load(b, (c) => console.log(c));
    });
  });
}} />;`,
  },
  {
    name: 'event listeners',
    expected: [['callback-hell', 1]],
    code: `server.on('connection', (socket) => {
  socket.on('data', (data) => {
    store.save(data, (err) => {
      if (err) socket.destroy(err);
    });
  });
});`,
  },
  {
    name: 'nested then',
    expected: [['nested-then', 1]],
    code: `getUser(1).then((user) => {
  return getPosts(user).then((posts) => {
    console.log(posts);
  });
});`,
  },
  {
    name: 'broken chain in a then',
    expected: [['nested-then', 1]],
    code: `getUser(1).then((user) => {
  getPosts(user).then((posts) => console.log(posts));
});`,
  },
  {
    name: 'array methods only',
    expected: [],
    code: `const out = rows.map((r) => r.cells.filter((c) => c.values.some((v) => v > 0)));`,
  },
  {
    name: 'test blocks',
    expected: [],
    code: `describe('a', () => {
  describe('b', () => {
    it('c', (done) => {
      load(1, (a) => done());
    });
  });
});`,
  },
  {
    name: 'named callbacks',
    expected: [],
    code: `function onC(c) { console.log(c); }
function onB(b) { step(b, onC); }
function onA(a) { step(a, onB); }
step(1, onA);`,
  },
  {
    name: 'flat chain',
    expected: [],
    code: `get(1).then((a) => more(a)).then((b) => other(b)).catch((e) => console.error(e)).finally(() => done());`,
  },
  {
    name: 'promise executors',
    expected: [],
    code: `const wait = (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms));
new Promise((resolve) => { new Promise((r) => r(1)).then(resolve); });`,
  },
  {
    name: 'two levels only',
    expected: [],
    code: `load(1, (a) => {
  load(a, (b) => console.log(b));
});`,
  },
  {
    name: 'IIFEs',
    expected: [],
    code: `(function () {
  (() => {
    load(1, (a) => console.log(a));
  })();
})();`,
  },
  {
    name: 'functions declared inside callbacks',
    expected: [],
    code: `load(1, (a) => {
  function next(b) {
    load(b, (c) => console.log(c));
  }
  load(a, next);
});`,
  },
  {
    name: 'async/await with array callbacks',
    expected: [],
    code: `async function all(items) {
  return Promise.all(items.map(async (x) => { await save(x); return x; }));
}`,
  },
  {
    name: 'sort comparator in reduce',
    expected: [],
    code: `const r = groups.reduce((acc, g) => acc.concat(g.items.sort((a, b) => a - b)), []);`,
  },
];

describe('callback-hell detection corpus', () => {
  it('finds exactly the labelled sites (precision and recall 1)', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let pyramids = 0;
    let rewritten = 0;
    const misses: string[] = [];
    for (const sample of corpus) {
      const analysis = analyze(sample.code.replace(/^\n/, ''), sample.kind ?? 'JS');
      const sf = analysis.parsed.sourceFile;
      const found = analysis.findings.map((f) => `${f.rule}@${sf.getLineAndCharacterOfPosition(f.start).line + 1}`);
      const expected = sample.expected.map(([rule, line]) => `${rule}@${line}`);
      for (const f of found) {
        if (expected.includes(f)) truePositives++;
        else {
          falsePositives++;
          misses.push(`${sample.name}: unexpected ${f}`);
        }
      }
      for (const e of expected) {
        if (!found.includes(e)) {
          falseNegatives++;
          misses.push(`${sample.name}: missed ${e}`);
        }
      }
      for (const finding of analysis.findings) {
        pyramids++;
        const plan = planFix(analysis, finding, 'then');
        if (!('reason' in plan)) rewritten++;
        else if (process.env.CORPUS_VERBOSE) console.log(`      ${sample.name}: ${plan.reason}`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      `      corpus: ${corpus.length} snippets, precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}, .then fix applied to ${rewritten}/${pyramids} sites`,
    );
    assert.deepEqual(misses, []);
    assert.equal(precision, 1);
    assert.equal(recall, 1);
  });
});
