/**
 * Creation sites given at load time (PROMISE_LENS_SITES=1, src/loader/sites.ts) must locate every
 * promise where the stack per promise does: each program runs traced twice, by the runtime alone and
 * with the loader giving sites, and every promise must get the same kind, parent, internal flag and place (file,
 * line, column). test/golden/sites/shapes.js holds the shapes that get a site and some that must
 * not, and says whether any promise took one (the runtime's site table counts them).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RECORDING_ENV } from '../../../src/core/trace/recording';
import { LOADER_ENV } from '../../../src/wire/env';
import type { TracePromise } from '../../../src/core/trace/model';
import { repoRoot } from '../../shared/paths';
import { readBareRecording } from '../../shared/runHelpers';

const register = path.join(repoRoot, 'dist/register.js');
const loader = path.join(repoRoot, 'dist/loader.js');
const shapes = path.join(repoRoot, 'test/golden/sites/shapes.js');
const goldens = path.join(repoRoot, 'test/golden/traces');
/** Timers a few ms apart can swap between two runs on a loaded machine (see golden.test.ts). */
const TIMING = /^timers-/;

interface Traced {
  stdout: string;
  status: number | null;
  promises: string[];
}

function traced(file: string, sites: boolean): Traced {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-sites-'));
  try {
    const out = path.join(dir, 'recording.bin');
    // Without sites, as the runner starts a JavaScript program today: the runtime alone.
    const own = ['--expose-internals', ...(sites ? ['--require', loader] : []), '--require', register];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      [RECORDING_ENV.out]: out,
      [RECORDING_ENV.entry]: file,
      [RECORDING_ENV.nodeFlags]: String(own.length),
    };
    if (sites) env[LOADER_ENV.sites] = '1';
    else delete env[LOADER_ENV.sites];
    const result = spawnSync(process.execPath, [...own, file], {
      cwd: path.dirname(file),
      env,
      encoding: 'utf8',
      timeout: 20000,
    });
    const trace = readBareRecording(out, file, result.status);
    return { stdout: result.stdout, status: result.status, promises: trace.promises.map(promiseLine) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function promiseLine(p: TracePromise): string {
  const place = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}` : '-';
  return `#${p.id} ${p.kind} from ${p.parent ?? '-'}${p.internal ? ' internal' : ''} @${place}`;
}

function sameSites(file: string): Traced {
  const stacks = traced(file, false);
  const sites = traced(file, true);
  assert.strictEqual(sites.status, stacks.status, 'exit code');
  assert.deepStrictEqual(sites.promises, stacks.promises, 'promises located by sites and by stacks');
  return sites;
}

describe('creation sites given at load time', function () {
  this.timeout(120000);

  it('are taken, and every promise has the kind, parent and place its stack gives', () => {
    const stacks = traced(shapes, false);
    assert.strictEqual(stacks.stdout, 'sites taken false\n');
    const sites = sameSites(shapes);
    assert.strictEqual(sites.stdout, 'sites taken true\n');
    assert.ok(sites.promises.length > 40, `only ${sites.promises.length} promises`);
  });

  const programs = fs
    .readdirSync(goldens)
    .filter((f) => f.endsWith('.js') && !TIMING.test(f))
    .sort();
  for (const name of programs) {
    it(`locate the golden program ${name} as its stacks do`, () => {
      sameSites(path.join(goldens, name));
    });
  }
});
