// Builds every entry with esbuild. esbuild does not type-check: `npm run typecheck` does.
//   node scripts/build.mjs               development build (source maps)
//   node scripts/build.mjs --production  minified, for `npm run package`
//   node scripts/build.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const node = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // TypeScript stays a runtime dependency, loaded on first use and never bundled.
  external: ['vscode', 'typescript'],
};

/** One row per shipped bundle. */
const entries = [
  { ...node, entryPoints: ['src/host/extension.ts'], outfile: 'dist/extension.js' },
  // The preloaded runtime: Node built-ins only, small, minified even in development (it loads into
  // every traced program); no source map, so its frames are plain to tell apart from the user's.
  {
    ...node,
    entryPoints: ['src/runtime/register.ts'],
    outfile: 'dist/register.js',
    minify: true,
    sourcemap: false,
    external: ['internal/test/binding'],
  },
  // The timeline page, for the panel and the exported HTML.
  {
    ...node,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/timeline.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
  },
  // The "Predict the order" page, its own entry and page.
  {
    ...node,
    entryPoints: ['src/webview/predict/main.ts'],
    outfile: 'dist/webview/predict.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
  },
  {
    ...node,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { PACKAGE_VERSION: JSON.stringify(packageVersion) },
  },
  // The TypeScript / unsaved-text loader preloaded into traced programs, and its ES module hooks.
  { ...node, entryPoints: ['src/loader/loader.ts'], outfile: 'dist/loader.js' },
  {
    ...node,
    entryPoints: ['src/loader/hooks.ts'],
    outfile: 'dist/loader-hooks.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  },
];

/** Tests are bundled one file each, so mocha and the in-editor runner load plain JS. */
function testFiles(dir, pattern) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs)) {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(join(dir, name), pattern));
    else if (pattern.test(name)) out.push(relative(root, path));
  }
  return out;
}
const tests = [
  ...testFiles('test/unit', /\.test\.ts$/),
  ...testFiles('test/process', /\.test\.ts$/),
  ...testFiles('test/editor/suite', /\.ts$/),
  ...testFiles('test/editor/suite-untrusted', /\.ts$/),
];
if (!production && tests.length > 0) {
  entries.push({
    ...node,
    entryPoints: tests,
    outdir: 'out/test',
    outbase: 'test',
    external: [...node.external, 'mocha', 'playwright-core'],
  });
}

/** Static assets copied as they are. */
const assets = [
  ['src/webview/timeline.css', 'dist/webview/timeline.css'],
  ['src/webview/standalone.css', 'dist/webview/standalone.css'],
  ['src/webview/predict/predict.css', 'dist/webview/predict.css'],
];

function copyAssets() {
  for (const [from, to] of assets) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    copyFileSync(join(root, from), join(root, to));
  }
}

process.chdir(root);
copyAssets();
if (watch) {
  for (const entry of entries) await (await esbuild.context(entry)).watch();
  console.log('[build] watching');
} else {
  await Promise.all(entries.map((entry) => esbuild.build(entry)));
  console.log(`[build] ${entries.length} bundles${production ? ' (production)' : ''}`);
}
