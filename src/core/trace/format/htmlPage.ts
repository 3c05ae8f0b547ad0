/**
 * The standalone timeline page: the same script and styles as the panel, inlined, with the trace
 * (base64 of the native format, in a JSON string) and the program's source embedded as inert JSON. No network: a CSP of `default-src 'none'` that allows exactly the inlined
 * script and styles by their hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLocation, Trace } from '../model';
import { encodeNative, nativeToBase64 } from './native';

export interface PageAssets {
  /** The timeline page's bundled script (dist/webview/timeline.js). */
  script: string;
  /** Its styles (dist/webview/timeline.css). */
  style: string;
  /** The theme variables the page defines for itself outside VS Code (dist/webview/standalone.css). */
  theme: string;
}

/** The built assets next to a bundle in dist/ (the CLI's and the extension's `__dirname`). */
export function readPageAssets(distDir: string): PageAssets {
  const dir = join(distDir, 'webview');
  return {
    script: readFileSync(join(dir, 'timeline.js'), 'utf8'),
    style: readFileSync(join(dir, 'timeline.css'), 'utf8'),
    theme: readFileSync(join(dir, 'standalone.css'), 'utf8'),
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that cannot end its `<script>` element or open a comment: every `<` becomes `\u003c`. */
export function inertJson(value: unknown): string {
  return escapeJson(JSON.stringify(value));
}

/** The same escaping for JSON text already written. */
function escapeJson(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The trace as the page embeds it: the native format's bytes (a small fraction of the JSON's size, and
 * quick to decode) as one JSON string of base64, which holds no `<` to escape; only ever read as data.
 */
export function embeddedTrace(trace: Trace): string {
  return JSON.stringify(nativeToBase64(encodeNative(trace)));
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** At most this much source text goes into a page, the entry file first. */
const SOURCE_BUDGET = 1024 * 1024;

/**
 * The text of the files the trace points into, for the page's source pane: the program's own files
 * (not Node's), those `read` can give, within the budget.
 */
export function pageSources(trace: Trace, read: (file: string) => string | undefined): Record<string, string> {
  const files = new Set<string>([trace.file]);
  const note = (location: SourceLocation | null | undefined) => {
    if (location && !location.file.startsWith('node:')) files.add(location.file);
  };
  for (const p of trace.promises) note(p.location);
  for (const j of trace.jobs) note(j.location);
  for (const e of trace.events) if (e.type === 'console') note(e.location);
  const sources: Record<string, string> = {};
  let left = SOURCE_BUDGET;
  for (const file of files) {
    const text = read(file);
    if (text === undefined || text.length > left) continue;
    sources[file] = text;
    left -= text.length;
  }
  return sources;
}

export function renderStandalonePage(trace: Trace, assets: PageAssets, sources: Record<string, string> = {}): string {
  // A script may not contain `</script`; the bundle never does, but a guard costs nothing.
  const script = assets.script.replace(/<\/script/gi, '<\\/script');
  const style = `${assets.theme}\n${assets.style}`.replace(/<\/style/gi, '<\\/style');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const name = trace.file.split(/[\\/]/).pop() || trace.file;
  return `<!DOCTYPE html>
<html lang="en" data-state="loading">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Promise Lens">
<title>Promise Lens timeline: ${escapeText(name)}</title>
<style>${style}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="trace-data">${embeddedTrace(trace)}</script>
<script type="application/json" id="source-data">${inertJson(sources)}</script>
<script>${script}</script>
</body>
</html>
`;
}
