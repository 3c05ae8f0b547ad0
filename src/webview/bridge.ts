/**
 * The page runs in two places: inside VS Code (a webview with `acquireVsCodeApi`) and as the exported
 * standalone page (no host; the trace is embedded). The rest of the page talks to this bridge only.
 */
import type { FromWebview, TimelineView } from '../core/protocol';

export interface ViewState {
  file: string;
  step: number;
  start: number;
  scale: number;
  axis: 'step' | 'time';
  rowScroll: number;
  promise: number | null;
  job: number | null;
  internals: boolean;
  speed: number;
  /** The timeline's lanes or the event-loop view. */
  view: TimelineView;
}

export interface Bridge {
  /** False for the exported page: no host to trace again, export or reveal source. */
  readonly hosted: boolean;
  post(message: FromWebview): void;
  getState(): Partial<ViewState> | undefined;
  setState(state: ViewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export function createBridge(): Bridge {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      hosted: true,
      post: (message) => api.postMessage(message),
      getState: () => {
        const state = api.getState();
        return typeof state === 'object' && state !== null ? (state as Partial<ViewState>) : undefined;
      },
      setState: (state) => api.setState(state),
    };
  }
  let saved: ViewState | undefined;
  return {
    hosted: false,
    post: () => undefined,
    getState: () => saved,
    setState: (state) => {
      saved = state;
    },
  };
}
