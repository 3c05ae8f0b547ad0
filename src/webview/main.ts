/**
 * Entry of the timeline page. Inside VS Code it waits for the host's messages after saying `ready`;
 * as the exported page it reads the trace embedded in the document (inert JSON, never executed).
 */
import { isToWebview, isTraceShape } from '../core/protocol';
import { nativeFromBase64 } from '../core/trace/format/native';
import { decodeNativeLazy } from '../core/trace/format/nativeLazy';
import { App } from './app';
import { createBridge } from './bridge';
import { TestHooks } from './testHooks';
import { describeStepSource } from '../core/timeline/source';
import { isSources, SourcePane } from './sourcePane';

/**
 * Marks the page drawn (`data-state="ready"`, the first time) and which trace revision it shows, so the UI
 * tests and the editor bench see a new trace drawn in a panel that was already open.
 */
const scriptAt = performance.now();

function markReady(revision?: number): void {
  // Two frames: the first runs before paint, the second after the canvas has been drawn.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const { dataset } = document.documentElement;
      if (dataset.state !== 'ready') {
        dataset.readyAt = String(Math.round(performance.now()));
        // What the page spent before its script ran (loading and parsing the document), for the bench.
        performance.measure('script start', { start: 0, end: scriptAt });
      }
      if (revision !== undefined) dataset.revision = String(revision);
      dataset.state = 'ready';
    }),
  );
}

/** The program's source beside the timeline, when the page carries it (inert JSON, like the trace). */
function attachSource(root: HTMLElement, app: App, entry: string): void {
  let sources: unknown;
  try {
    sources = JSON.parse(document.getElementById('source-data')?.textContent ?? 'null');
  } catch {
    sources = null;
  }
  if (!isSources(sources) || Object.keys(sources).length === 0) return;
  const pane = new SourcePane(sources, entry);
  root.after(pane.root);
  document.body.classList.add('with-source');
  app.onStepped = (source, layout) =>
    pane.show(source?.location ?? null, source ? describeStepSource(source.why, layout.trace.jobs[source.job]) : '');
}

function start(): void {
  const startedAt = performance.now();
  const root = document.getElementById('app') ?? document.body;
  const bridge = createBridge();
  const app = new App(root, bridge);
  (window as unknown as { promiseLensTimeline: TestHooks }).promiseLensTimeline = new TestHooks(app);
  const builtAt = performance.now();
  performance.measure('page built', { start: startedAt, end: builtAt });

  if (!bridge.hosted) {
    const data = document.getElementById('trace-data');
    let trace: unknown;
    try {
      // The native format as a base64 string (`embeddedTrace`); a page may also carry a JSON trace.
      const embedded: unknown = JSON.parse(data?.textContent ?? 'null');
      trace = typeof embedded === 'string' ? decodeNativeLazy(nativeFromBase64(embedded)) : embedded;
      performance.measure('decode', { start: builtAt });
    } catch {
      trace = null;
    }
    if (isTraceShape(trace)) {
      attachSource(root, app, trace.file);
      const loadAt = performance.now();
      app.load(trace, true);
      performance.measure('layout and first draw', { start: loadAt });
    } else document.documentElement.dataset.error = 'no trace in this page';
    markReady();
    return;
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isToWebview(event.data)) return;
    app.handle(event.data);
    if (event.data.type === 'trace') markReady(event.data.revision);
  });
  bridge.post({ type: 'ready' });
}

start();
