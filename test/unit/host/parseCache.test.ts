// One parse per document version, shared by the callback-hell analysis and the hover (src/host/parseCache.ts
// is what the extension host asks; it has no vscode in it, so it runs here).
import * as assert from 'node:assert/strict';
import { analyze, analyzeParsed } from '../../../src/core/callbackHell';
import { HoverIndex } from '../../../src/core/hover';
import { parse, reparse, type Parsed } from '../../../src/core/syntax/parse';
import { ParseCache, type DocumentState } from '../../../src/host/parseCache';
import { example, HoverTraceBuilder } from '../core/hover/traces';

/** A document as the cache reads it; `text` and `version` change as the test edits it. */
class Document implements DocumentState {
  languageId = 'javascript';
  constructor(
    public text: string,
    public version = 1,
    readonly fileName = '/ws/cart-order-payment.js',
  ) {}
  getText(): string {
    return this.text;
  }
  edit(start: number, end: number, text: string): { start: number; end: number; text: string } {
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    this.version++;
    return { start, end, text };
  }
}

/** The parse functions the cache calls, counted. */
function countingParser(): { parser: { parse: typeof parse; reparse: typeof reparse }; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    parser: {
      parse: (...args: Parameters<typeof parse>): Parsed => (calls.push('parse'), parse(...args)),
      reparse: (...args: Parameters<typeof reparse>): Parsed => (calls.push('reparse'), reparse(...args)),
    },
  };
}

describe('callback hell: one parse per document version, shared with the hover', () => {
  const file = '/ws/cart-order-payment.js';
  const text = example('cart-order-payment.js');
  const b = new HoverTraceBuilder(file, text);
  const then1 = b.promise('then', b.at(23, 'then'));
  const trace = b.trace;

  it('the diagnostics and the hover read one tree, parsed once', () => {
    const { parser, calls } = countingParser();
    const cache = new ParseCache(parser);
    const document = new Document(text);
    const shared = cache.parsedOf(file, document);
    // Parsed without parent pointers (the analysis sets them in its own walk): the hover sets them on the
    // tree it reads, so a pointer set on this very tree shows the hover read it rather than a parse of its own.
    const firstStatement = shared.sourceFile.statements[0];
    assert.equal(firstStatement.parent, undefined);
    const index = new HoverIndex({ text, fileName: file, trace, file, parsed: cache.parsedOf(file, document) });
    assert.equal(firstStatement.parent, shared.sourceFile);
    const analysis = analyzeParsed(cache.parsedOf(file, document), 3);
    assert.equal(analysis.parsed, shared);
    assert.equal(analysis.parsed.sourceFile, shared.sourceFile);
    assert.deepEqual(calls, ['parse']);
    // What the hover finds in the shared tree is what it finds in a tree of its own.
    assert.deepEqual(index.targetAt(b.offset(23, 'then'))?.promises, [then1]);
    const own = new HoverIndex({ text, fileName: file, trace, file });
    assert.deepEqual(index.targetAt(b.offset(23, 'then')), own.targetAt(b.offset(23, 'then')));
    assert.deepEqual(index.lineSummaries(), own.lineSummaries());
  });

  it('the hover may ask first: the tree gets its parent pointers then, and the analysis finds the same', () => {
    const pyramid = example('callback-pyramid.js');
    const cache = new ParseCache();
    const document = new Document(pyramid, 1, '/ws/callback-pyramid.js');
    new HoverIndex({ text: pyramid, fileName: document.fileName, trace, file, parsed: cache.parsedOf('p', document) });
    const shared = analyzeParsed(cache.parsedOf('p', document), 3);
    const alone = analyze(pyramid, 'JS', 3);
    assert.ok(alone.findings.length > 0);
    const strip = (a: typeof alone) => a.findings.map(({ path: _path, ...rest }) => rest);
    assert.deepEqual(strip(shared), strip(alone));
  });

  it('parses again only for a new version, and replays a typed edit incrementally', () => {
    const { parser, calls } = countingParser();
    const cache = new ParseCache(parser);
    const document = new Document(text);
    const first = cache.parsedOf('k', document);
    assert.equal(cache.parsedOf('k', document), first);
    assert.deepEqual(calls, ['parse']);

    const at = text.indexOf('\n');
    cache.changed('k', document, [document.edit(at, at, ';')]);
    const second = cache.parsedOf('k', document);
    assert.deepEqual(calls, ['parse', 'reparse']);
    assert.equal(second.text, document.text);
    assert.equal(second.sourceFile.text, document.text);
    assert.equal(cache.parsedOf('k', document), second);

    // Several changes at once (multi-cursor), or an edit the cache did not see: a whole parse.
    const c1 = document.edit(0, 0, ' ');
    const c2 = document.edit(5, 5, ' ');
    document.version = 3;
    cache.changed('k', document, [c1, c2]);
    assert.equal(cache.parsedOf('k', document).text, document.text);
    assert.deepEqual(calls, ['parse', 'reparse', 'parse']);
    document.edit(0, 1, '');
    assert.equal(cache.parsedOf('k', document).text, document.text);
    assert.deepEqual(calls, ['parse', 'reparse', 'parse', 'parse']);
  });

  it('tells apart a new document that comes back under a closed one’s URI and version, and forgets closed ones', () => {
    const { parser, calls } = countingParser();
    const cache = new ParseCache(parser);
    const key = 'untitled:Untitled-1';
    const closed = new Document('a(1, (x) => x);', 1, 'Untitled-1');
    const first = cache.parsedOf(key, closed);
    const next = new Document('b(2);', 1, 'Untitled-1');
    const second = cache.parsedOf(key, next);
    assert.notEqual(second, first);
    assert.equal(second.text, 'b(2);');
    // The closed document's last events (a revert empties it) reach neither the new one's tree nor its entry.
    cache.changed(key, closed, [closed.edit(0, closed.text.length, '')]);
    cache.drop(key, closed);
    assert.equal(cache.parsedOf(key, next), second);
    // An edit event for a version already parsed (a feature asked during the event) is not replayed twice.
    next.edit(0, 0, ' ');
    assert.equal(cache.parsedOf(key, next).text, ' b(2);');
    cache.changed(key, next, [{ start: 0, end: 0, text: ' ' }]);
    assert.equal(cache.parsedOf(key, next).text, ' b(2);');
    // A change that does not fit the text it would apply to is never handed to TypeScript's incremental parser.
    next.edit(0, 0, 'x');
    cache.changed(key, next, [{ start: 50, end: 60, text: 'x' }]);
    assert.equal(cache.parsedOf(key, next).text, 'x b(2);');
    assert.deepEqual(calls, ['parse', 'parse', 'parse', 'parse']);
    cache.drop(key, next);
    assert.equal(cache.size, 0);
  });

  it('parses as the editor language says, else as the file name says', () => {
    const document = new Document('let x: number = 1;', 1, '/ws/a.js');
    document.languageId = 'typescript';
    assert.equal(new ParseCache().parsedOf('a', document).kind, 'TS');
    assert.deepEqual(new ParseCache().parsedOf('a', document).errors, []);
    document.languageId = 'plaintext';
    assert.equal(new ParseCache().parsedOf('a', document).kind, 'JS');
  });
});
