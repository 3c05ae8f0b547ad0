/**
 * The Promises/A+ suite (promises-aplus-tests, over native promises) passes under the preloaded
 * runtime exactly as it does without it. Both runs use `--unhandled-rejections=none`: the suite
 * rejects promises it handles later on purpose, which Node's default mode would turn into crashes.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readRecording, RECORDING_ENV } from '../../../src/core/trace/recording';
import { repoRoot } from '../../shared/paths';

const root = repoRoot;
const script = path.join(root, 'test/golden/aplus/run.js');
const register = path.join(root, 'dist/register.js');

interface Outcome {
  passes: number;
  failures: number;
  status: number | null;
}

function runSuite(preloads: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--unhandled-rejections=none', ...preloads, script], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        const { passes, failures } = JSON.parse(line) as { passes: number; failures: number };
        resolve({ passes, failures, status });
      } catch {
        reject(new Error(`the suite printed no result: ${out.slice(-500)}`));
      }
    });
  });
}

describe('Promises/A+ under the runtime', function () {
  this.timeout(180000);

  it('passes exactly as without the runtime', async () => {
    const env = { ...process.env };
    for (const key of Object.values(RECORDING_ENV)) delete env[key];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-aplus-'));
    const out = path.join(dir, 'recording.bin');
    try {
      // One after the other: the suite is timer-heavy and the machine is shared.
      const plain = await runSuite([], env);
      // As the runner starts a traced program (values read through Node's promise details).
      const traced = await runSuite(['--expose-internals', '--require', register], {
        ...env,
        [RECORDING_ENV.out]: out,
      });
      assert.deepStrictEqual(traced, plain);
      assert.strictEqual(plain.failures, 0);
      assert.ok(plain.passes >= 872, `only ${plain.passes} A+ tests ran`);
      const trace = readRecording(out, {
        file: script,
        node: process.version,
        startedAt: new Date(0).toISOString(),
        durationMs: 0,
        exit: { code: traced.status, signal: null, reason: 'completed' },
      });
      assert.ok(trace.promises.length > 1000, 'the traced run recorded its promises');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
