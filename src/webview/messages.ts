/** What the page does with each message from the host (src/core/protocol.ts `ToWebview`). */
import { isTraceShape, type ToWebview } from '../core/protocol';
import { decodeNativeLazy } from '../core/trace/format/nativeLazy';
import type { App } from './app';
import { snapshot } from './testHooks';

export function handleMessage(app: App, root: HTMLElement, message: ToWebview): void {
  const layout = app.layout;
  switch (message.type) {
    case 'trace': {
      const trace = readNative(message.native);
      if (trace) app.load(trace, true);
      break;
    }
    case 'select':
      if (!layout) break;
      if (message.job !== undefined) {
        const j = layout.jobIndex.get(message.job);
        if (j !== undefined) app.selectJob(j, false);
      }
      if (message.promise !== undefined) {
        const p = layout.promiseIndex.get(message.promise);
        if (p === undefined) return;
        if (layout.rowOf[p] === -1 && !layout.awaitOwner.has(p) && !app.state.internals) {
          app.toolbar.showInternals();
          app.setInternals(true);
        }
        app.selectPromise(p, false, true);
        // The promise's step: where it settled (the step the hover names), else where it was made.
        // Ticking internals made a new layout: the step is read from it.
        const shown = app.layout ?? layout;
        const end = shown.promiseEnd[p];
        app.setStep(end !== -1 ? end : shown.promiseStart[p], true);
      }
      break;
    case 'status':
      app.toolbar.setRunning(message.running);
      if (message.message) app.toolbar.status.textContent = message.message;
      // With no trace to show (a reload that could not keep it), the message says why in place of "No trace yet".
      if (message.message && !layout) app.empty.textContent = message.message;
      break;
    case 'step':
      // The host counts steps over the whole trace; this page may show fewer.
      if (layout) app.setStep(layout.stepOfSeq(message.step), true);
      break;
    case 'probe':
      app.post(snapshot(app, root, message.id));
      break;
    case 'view':
      app.showView(message.view, false);
      break;
  }
}

/** The trace a `trace` message carries, or undefined when its bytes do not decode to one. */
function readNative(native: Uint8Array): ReturnType<typeof decodeNativeLazy> | undefined {
  try {
    const trace: unknown = decodeNativeLazy(native);
    return isTraceShape(trace) ? trace : undefined;
  } catch {
    return undefined;
  }
}
