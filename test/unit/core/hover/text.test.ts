// The hover's words: one promise in full, many promises as a summary, and user data kept inert.
import * as assert from 'node:assert/strict';
import { HoverIndex } from '../../../../src/core/hover';
import { describeTarget, manySummary, noteText, type DescribeContext } from '../../../../src/core/hover/describe';
import { escapeMarkdown, inlineCode } from '../../../../src/core/hover/markdown';
import { HoverTraceBuilder, preview } from './traces';

const links = {
  location: (loc: { file: string; line: number; column: number }) => `file://${loc.file}#L${loc.line},${loc.column}`,
  promise: (id: number) =>
    `command:promiseLens.showInTimeline?${encodeURIComponent(JSON.stringify([{ promise: id }]))}`,
};

/** The Markdown with its code spans taken out: what the renderer would parse as markup. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*?\1/g, '');
}

describe('hover text: a loop that created many promises', () => {
  const file = '/ws/loop.js';
  const text = [
    'const check = (i) => new Promise((resolve, reject) => (i % 10 === 7 ? reject(new Error(`bad ${i}`)) : resolve(i)));',
    'for (let i = 0; i < 20; i++) check(i).then((v) => v);',
    '',
  ].join('\n');
  const b = new HoverTraceBuilder(file, text);
  const tick = b.job('microtask', 'then handler');
  const made = Array.from({ length: 20 }, (_, i) =>
    b.promise(
      'new',
      b.at(1, 'new'),
      i % 10 === 7 ? { state: 'rejected', value: `Error: bad ${i}`, settledIn: tick } : { value: String(i) },
    ),
  );
  const index = new HoverIndex({ text, fileName: file, trace: b.trace, file });
  const context: DescribeContext = { trace: b.trace, file, links };

  it('counts the states: created 20×: 18 fulfilled, 2 rejected', () => {
    assert.equal(manySummary(made), 'created 20×: 18 fulfilled, 2 rejected');
    const target = index.targetAt(b.offset(1, 'Promise'));
    assert.equal(target?.promises.length, 20);
    const markdown = describeTarget(target!, context);
    assert.match(markdown, /created 20×: 18 fulfilled, 2 rejected/);
  });

  it('gives the first rejection with its reason and where it settled, and links every promise', () => {
    const markdown = describeTarget(index.targetAt(b.offset(1, 'Promise'))!, context);
    const first = made[7];
    assert.match(markdown, /\*\*First rejection:\*\* `Error: bad 7`/);
    assert.ok(markdown.includes(links.promise(first.id)));
    assert.match(markdown, /at step \d+ in a microtask \(then handler\)/);
    for (const p of made) assert.ok(markdown.includes(`[#${p.id} `), `no link to #${p.id}`);
  });

  it('writes the end-of-line note for the site', () => {
    assert.equal(noteText(made), '✗ 20×: 18 fulfilled, 2 rejected (first: Error: bad 7)');
    assert.equal(index.lineSummaries()[0].promises.length, 20);
  });
});

describe('hover text: one promise', () => {
  const file = '/ws/one.js';
  const text = 'const p = Promise.resolve(42);\np.then(function onValue(v) { return v; }).catch(() => 0);\n';
  const b = new HoverTraceBuilder(file, text);
  const job = b.job('microtask', 'then handler');
  const p = b.promise('resolve', b.at(1, 'resolve'), { value: '42', settledIn: b.job('script', 'main script') });
  const then = b.promise('then', b.at(2, 'then'), { parent: p.id, value: '42', settledIn: job });
  p.reactions.push({ on: 'fulfil', handler: b.at(2, 'function'), child: then.id });
  then.reactions.push({ on: 'reject', handler: b.at(2, '() =>'), child: null });
  const context: DescribeContext = { trace: b.trace, file, links };
  const index = new HoverIndex({ text, fileName: file, trace: b.trace, file });

  it('says state, value, where it settled, reactions with handler links, and its children', () => {
    const markdown = describeTarget(index.targetAt(b.offset(1, 'resolve'))!, context);
    assert.match(markdown, /^✔ \*\*fulfilled\*\* · `Promise.resolve` · \[promise \\#0\]/);
    assert.match(markdown, /\*\*Value:\*\* `42`/);
    assert.match(markdown, /Settled at step \d+ in the main script\./);
    assert.ok(markdown.includes(`on fulfil [line 2](file:///ws/one.js#L2,8) → [\\#${then.id}]`), markdown);
    assert.match(markdown, /\*\*Children:\*\* \[\\#1 \\\.then\]\([^)]*\) ✔ fulfilled at \[line 2\]/);
    assert.ok(markdown.includes(`[Show in timeline](${links.promise(p.id)})`));
  });

  it('names the parent of a .then', () => {
    const markdown = describeTarget(index.targetAt(b.offset(2, 'then'))!, context);
    assert.match(markdown, /\*\*Parent:\*\* \[\\#0 Promise\\\.resolve\]/);
    assert.match(markdown, /on reject \[line 2\]/);
  });

  it('writes the three end-of-line notes', () => {
    const one = new HoverTraceBuilder(file, text);
    assert.equal(noteText([one.promise('new', null, { value: '42' })]), '→ fulfilled 42');
    assert.equal(
      noteText([one.promise('new', null, { state: 'rejected', value: 'Error: boom' })]),
      '✗ rejected: Error: boom',
    );
    assert.equal(noteText([one.promise('new', null, { state: 'pending' })]), '⏳ pending');
    const long = one.promise('new', null, { value: 'x'.repeat(500) });
    assert.ok(noteText([long]).length <= 80);
  });
});

describe('hover text: values are inert user data', () => {
  const hostile =
    '**bold** [x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> $(alert) ``tick`` \n# heading';

  it('keeps a hostile value inside one code span', () => {
    const file = '/ws/h.js';
    const text = 'Promise.reject(v);\n';
    const b = new HoverTraceBuilder(file, text);
    const job = b.job('timer', '[y](command:evil) <b>label</b>');
    b.promise('reject', b.at(1, 'reject'), { state: 'rejected', value: preview(hostile), settledIn: job });
    const index = new HoverIndex({ text, fileName: file, trace: b.trace, file });
    const markdown = describeTarget(index.targetAt(b.offset(1, 'reject'))!, { trace: b.trace, file, links });
    const markup = outsideCode(markdown);
    assert.ok(!markup.includes('command:workbench'), markup);
    assert.ok(!markup.includes('](command:evil'), markup);
    assert.ok(!markup.includes('<img'), markup);
    assert.ok(!markup.includes('<b>'), markup);
    assert.ok(!markup.includes('$(alert)'), markup);
    // The value stayed one line: a newline would let `# heading` start a block.
    assert.ok(!/\n# heading/.test(markdown));
    assert.ok(markdown.includes('command:promiseLens.showInTimeline'));
  });

  it('fences code spans past any backticks inside and escapes all punctuation elsewhere', () => {
    assert.equal(inlineCode('a ``b`` c'), '```a ``b`` c```');
    assert.equal(inlineCode('`x`'), '`` `x` ``');
    assert.equal(escapeMarkdown('[a](b) *c* $(d) <e>'), '\\[a\\]\\(b\\) \\*c\\* \\$\\(d\\) \\<e\\>');
  });
});
