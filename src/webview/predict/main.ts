/**
 * Entry of the "Predict the order" page. It says `ready` once it listens, then follows the host's
 * messages, each checked against the protocol first.
 */
import { isToPredictPage, type FromPredictPage } from '../../core/predict/protocol';
import { PredictPage, type PredictHost, type PredictViewState } from './page';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const api = acquireVsCodeApi();
  const host: PredictHost = {
    post: (message: FromPredictPage) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return typeof state === 'object' && state !== null ? (state as Partial<PredictViewState>) : undefined;
    },
    setState: (state) => api.setState(state),
  };
  const page = new PredictPage(document.getElementById('app') ?? document.body, host);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isToPredictPage(event.data)) page.handle(event.data);
  });
  host.post({ type: 'ready' });
}

start();
