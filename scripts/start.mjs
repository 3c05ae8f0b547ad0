// `npm start`: builds, sets up code-server if missing, and serves a real VS Code on 127.0.0.1 with
// Promise Lens loaded from this folder and examples/ open (trusted). Stops everything on Ctrl-C.
//   PORT=8080 npm start    a fixed port (default: a free one)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupEditor } from './setup-editor.mjs';
import { startCodeServer, workbenchUrl } from '../test/editor/launch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

try {
  await setupEditor();
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}

const port = process.env.PORT ? Number(process.env.PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`[start] PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}
const examples = join(root, 'examples');
let server;
try {
  server = await startCodeServer({ workspace: examples, trusted: true, port, timeoutMs: 120_000 });
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}

console.log(`
VS Code (code-server) is running with Promise Lens loaded from ${root}
and examples/ open. Open this URL in a browser:

  ${workbenchUrl(server, { folder: examples })}

Right-click in a JavaScript or TypeScript editor and choose "Trace promises". After \`npm run build\`
(or with \`npm run watch\`), reload the browser page to load the new build. Stop with Ctrl-C.
`);

// launch.mjs stops code-server and its process group on Ctrl-C (SIGINT), SIGTERM and exit.
const stopping = (signal) => console.log(`\n[start] ${signal}: stopping VS Code`);
process.prependListener('SIGINT', () => stopping('Ctrl-C'));
process.prependListener('SIGTERM', () => stopping('SIGTERM'));
const { code, signal } = await server.exited;
console.error(`[start] code-server stopped unexpectedly (exit ${code ?? signal})`);
console.error(server.output().split('\n').slice(-20).join('\n'));
process.exit(1);
