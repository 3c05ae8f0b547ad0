import * as assert from 'node:assert/strict';
import {
  clamp,
  fit,
  follow,
  panBy,
  toAxis,
  toPixel,
  zoomAt,
  type AxisBounds,
} from '../../../../src/core/timeline/viewport';
import { isFromWebview, isToWebview } from '../../../../src/core/protocol';
import { inertJson, pageSources, renderStandalonePage } from '../../../../src/core/trace/format/htmlPage';
import { createHash } from 'node:crypto';
import { decodeNative, encodeNative, nativeFromBase64 } from '../../../../src/core/trace/format/native';
import { microtasksBeforeTimers } from './fixture';

const bounds: AxisBounds = { length: 1000, width: 500, minScale: 0.01 };

describe('timeline viewport', () => {
  it('fits the whole axis into the width', () => {
    const v = fit(bounds);
    assert.equal(v.start, 0);
    assert.equal(v.scale, 2);
  });

  it('keeps the value under the pointer in place while zooming', () => {
    const v = { start: 100, scale: 1 };
    const anchor = toAxis(v, 200);
    const z = zoomAt(v, 200, 2, bounds);
    assert.equal(z.scale, 0.5);
    assert.ok(Math.abs(toAxis(z, 200) - anchor) < 1e-9);
    assert.ok(Math.abs(toPixel(z, anchor) - 200) < 1e-9);
  });

  it('stops zooming at the limits and panning at the ends', () => {
    assert.equal(zoomAt({ start: 0, scale: 0.02 }, 0, 100, bounds).scale, bounds.minScale);
    assert.ok(zoomAt(fit(bounds), 0, 0.001, bounds).scale <= 2 * 1.05 + 1e-9);
    assert.ok(panBy({ start: 0, scale: 1 }, 10_000, bounds).start < 0.1 * 500);
    const far = clamp({ start: 1e9, scale: 1 }, bounds);
    assert.ok(far.start <= bounds.length);
  });

  it('scrolls to follow a step only when it leaves the view', () => {
    const v = { start: 0, scale: 1 };
    assert.equal(follow(v, 250, bounds), v);
    const moved = follow(v, 900, bounds);
    assert.ok(toPixel(moved, 900) > 0 && toPixel(moved, 900) < 500);
  });
});

describe('timeline protocol', () => {
  const { trace } = microtasksBeforeTimers();

  it('accepts each well-formed message to the webview and rejects the rest', () => {
    assert.ok(isToWebview({ type: 'trace', native: encodeNative(trace), revision: 1 }));
    assert.ok(isToWebview({ type: 'select', promise: 3 }));
    assert.ok(isToWebview({ type: 'status', running: true }));
    assert.ok(isToWebview({ type: 'probe', id: 1 }));
    assert.ok(!isToWebview({ type: 'trace', trace, revision: 1 }), 'a trace travels in the native format');
    assert.ok(!isToWebview({ type: 'trace', native: JSON.stringify(trace), revision: 1 }));
    assert.ok(!isToWebview({ type: 'select', promise: '3' }));
    assert.ok(!isToWebview({ type: 'eval', code: 'x' }));
    assert.ok(!isToWebview(null));
  });

  it('accepts each well-formed message from the webview and ignores unknown or malformed ones', () => {
    assert.ok(isFromWebview({ type: 'ready' }));
    assert.ok(
      isFromWebview({ type: 'stepped', step: 4, shown: 2, job: null, source: null, why: null, internals: false }),
    );
    assert.ok(
      isFromWebview({
        type: 'stepped',
        step: 4,
        shown: 2,
        job: 3,
        source: { kind: 'console', seq: 4 },
        why: 'prints',
        internals: true,
      }),
    );
    assert.ok(
      !isFromWebview({
        type: 'stepped',
        step: 4,
        shown: 2,
        job: 3,
        source: { kind: 'file', path: '/etc/passwd' },
        why: 'prints',
        internals: false,
      }),
    );
    assert.ok(
      !isFromWebview({
        type: 'stepped',
        step: 4,
        shown: 2,
        job: 3,
        source: { kind: 'job', id: 3 },
        why: 'guessed',
        internals: false,
      }),
    );
    assert.ok(isFromWebview({ type: 'reveal', target: 'promise', id: 2 }));
    assert.ok(isFromWebview({ type: 'export', format: 'chrome' }));
    assert.ok(!isFromWebview({ type: 'export', format: 'exe' }));
    assert.ok(!isFromWebview({ type: 'reveal', target: 'file', id: 2 }));
    assert.ok(isFromWebview({ type: 'reveal', target: 'handler', id: 2, reaction: 0 }));
    assert.ok(!isFromWebview({ type: 'reveal', target: 'handler', id: 2 }));
    assert.ok(!isFromWebview({ type: 'reveal', target: 'handler', id: 2, reaction: 1.5 }));
    assert.ok(!isFromWebview({ type: 'reveal', target: 'job', id: -1 }));
    assert.ok(
      !isFromWebview({ type: 'stepped', step: 1.5, shown: 1, job: null, source: null, why: null, internals: false }),
    );
    assert.ok(!isFromWebview({ type: 'stepped', step: 4, job: null, source: null, why: null, internals: false }));
    assert.ok(!isFromWebview({ type: 'openFile', path: '/etc/passwd' }));
    assert.ok(!isFromWebview('ready'));
  });
});

describe('standalone timeline page', () => {
  const assets = {
    script: 'console.log("timeline")',
    style: 'body{color:red}',
    theme: ':root{--vscode-foreground:#000}',
  };

  it('embeds the trace as inert JSON that cannot close its script element', () => {
    const { trace } = microtasksBeforeTimers();
    trace.events.push({
      seq: trace.events.length,
      type: 'console',
      stream: 'stdout',
      text: '</script><script>alert(1)</script><!--',
      task: 'script',
      job: null,
    });
    const html = renderStandalonePage(trace, assets);
    const match = /<script type="application\/json" id="trace-data">([^]*?)<\/script>/.exec(html);
    assert.ok(match);
    assert.ok(!match[1].includes('<'));
    const embedded: unknown = JSON.parse(match[1]);
    assert.equal(typeof embedded, 'string', 'the native bytes, as base64 in a JSON string');
    assert.deepEqual(decodeNative(nativeFromBase64(embedded as string)), trace);
    assert.equal((html.match(/<script/g) ?? []).length, 3);
    assert.ok(inertJson('\u2028').includes('\\u2028'));
  });

  it("embeds the program's files the trace points into, inert, within a budget", () => {
    const { trace } = microtasksBeforeTimers();
    const file = trace.file;
    const elsewhere = '/elsewhere/lib.js';
    trace.promises[0] = { ...trace.promises[0], location: { file: elsewhere, line: 1, column: 1 } };
    const read = (f: string) =>
      f === file ? "console.log('</script><!--');\n" : f === elsewhere ? 'x'.repeat(2 * 1024 * 1024) : undefined;
    const sources = pageSources(trace, read);
    assert.deepEqual(Object.keys(sources), [file], 'the entry, not a file over the budget, not Node internals');
    const html = renderStandalonePage(trace, assets, sources);
    const match = /<script type="application\/json" id="source-data">([^]*?)<\/script>/.exec(html);
    assert.ok(match);
    assert.ok(!match[1].includes('<'));
    assert.deepEqual(JSON.parse(match[1]), sources);
  });

  it('allows exactly its inline script and style by hash, and nothing from the network', () => {
    const { trace } = microtasksBeforeTimers();
    const html = renderStandalonePage(trace, assets);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    assert.ok(csp.includes(`'sha256-${hash(assets.script)}'`));
    assert.ok(csp.includes(`'sha256-${hash(`${assets.theme}\n${assets.style}`)}'`));
    assert.ok(!/unsafe-inline|https?:/.test(csp));
    assert.ok(!/\b(src|href)=/.test(html), 'no external resource');
  });
});
