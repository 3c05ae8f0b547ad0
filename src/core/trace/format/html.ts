/** `--format html`: the timeline as a standalone page, the same one the panel's export writes. */
import type { Trace } from '../model';
import type { TraceFormat } from './types';
import { pageSources, readPageAssets, renderStandalonePage } from './htmlPage';
import { readFromDisk } from '../sourceText';

export const htmlFormat: TraceFormat = {
  description: 'the timeline as one self-contained HTML page (opens offline in any browser)',
  extension: '.html',
  // The bundles (dist/cli.js, dist/extension.js) sit beside dist/webview/, which holds the page's assets.
  write: page,
  pieces: (trace) => [page(trace)],
};

function page(trace: Trace): string {
  return renderStandalonePage(trace, readPageAssets(__dirname), pageSources(trace, readFromDisk));
}
