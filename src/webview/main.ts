/**
 * Entry of the timeline page. Inside VS Code it waits for the host's messages after saying `ready`;
 * as the exported page it reads the trace embedded in the document (inert JSON, never executed).
 */
import { isToWebview, isTraceShape } from '../core/protocol';
import { decodeNative, NATIVE_MAGIC } from '../core/trace/format/native';
import { App } from './app';
import { createBridge } from './bridge';
import { describeStepSource } from '../core/timeline/source';
import { isSources, SourcePane } from './sourcePane';

function markReady(): void {
  // Two frames: the first runs before paint, the second after the canvas has been drawn.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      document.documentElement.dataset.readyAt = String(Math.round(performance.now()));
      document.documentElement.dataset.state = 'ready';
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
  const root = document.getElementById('app') ?? document.body;
  const bridge = createBridge();
  const app = new App(root, bridge);
  (window as unknown as { promiseLensTimeline: App }).promiseLensTimeline = app;

  if (!bridge.hosted) {
    const data = document.getElementById('trace-data');
    let trace: unknown;
    try {
      const text = data?.textContent ?? 'null';
      trace = text.startsWith(NATIVE_MAGIC) ? decodeNative(text) : JSON.parse(text);
    } catch {
      trace = null;
    }
    if (isTraceShape(trace)) {
      attachSource(root, app, trace.file);
      app.load(trace, true);
    } else document.documentElement.dataset.error = 'no trace in this page';
    markReady();
    return;
  }

  let painted = false;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isToWebview(event.data)) return;
    app.handle(event.data);
    if (event.data.type === 'trace' && !painted) {
      painted = true;
      markReady();
    }
  });
  bridge.post({ type: 'ready' });
}

start();
