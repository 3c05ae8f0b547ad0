/**
 * Golden traces: each program in test/golden/traces runs under plain node and under the preloaded
 * runtime, its stdout and stderr on one pipe; the outputs, byte for byte and in order, and the exit
 * codes must be identical (which stream each console line went to, the trace summary says), and the
 * recorded trace, summarised as job kinds in order, promise states by line and console lines by task,
 * must equal `<name>.trace.txt`.
 * Each runs traced twice: as the runner starts it (with `--expose-internals`, so values are read
 * through Node's own promise details and described to depth) and as a bare preload anyone can use
 * (values read through `util.inspect`, objects one level deep); both must give the same trace, but
 * for the previews of objects. A JavaScript program runs a third time with creation sites given at
 * load time (PROMISE_LENS_SITES=1): the same output as plain node, the same trace.
 * `UPDATE_GOLDEN=1 npx mocha --no-config --timeout 60000 out/test/process/runtime/golden.test.js` rewrites the expected files.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RECORDING_ENV } from '../../../src/core/trace/recording';
import type { Trace } from '../../../src/core/trace/model';
import { repoRoot } from '../../shared/paths';
import { readBareRecording } from '../../shared/runHelpers';
import { LOADER_ENV } from '../../../src/wire/env';

const root = repoRoot;
const corpus = path.join(root, 'test/golden/traces');
const register = path.join(root, 'dist/register.js');
const loader = path.join(root, 'dist/loader.js');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * The bare preload's documented gaps: through `util.inspect` a promise fulfilled with an error whose
 * stack nobody read previews as rejected; without Node's promise details a rejection Node reports
 * cannot be told by its reason among Node's own promises, so one of Node's the program never reacted
 * to is not shown; `util.inspect` runs a class's `name` getter and calls array builtins the program
 * patched (preview-untouched.js). These run only as the runner starts them.
 */
const RUNNER_ONLY = new Set(['values.js', 'node-unhandled.mjs', 'preview-untouched.js']);

/**
 * Programs whose output depends on timers a few milliseconds apart. On a loaded machine plain node
 * itself swaps those now and then (a stall of a few ms between two `setTimeout` calls); such a
 * program passes when one of three attempts agrees throughout. That the tracer keeps its own cost out
 * of the script job, which is what keeps the order, runtime/timing.test.ts checks by measure.
 */
const TIMING = /^timers-/;
const ATTEMPTS = 3;

interface Run {
  /** stdout and stderr as one pipe gave them (`node program 2>&1 | ...`): the order between them counts. */
  output: string;
  status: number | null;
}

function run(file: string, preloads: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, ...preloads, file], {
    cwd: corpus,
    env,
    encoding: 'utf8',
    timeout: 20000,
  });
  return { output: result.stdout, status: result.status };
}

const PRIMITIVE_TYPES = new Set(['undefined', 'null', 'boolean', 'number', 'bigint', 'string', 'symbol']);

/**
 * Everything the golden file pins: what the user wrote, in its true order. `primitivesOnly` leaves
 * out the previews of objects: the bare preload reads them through `util.inspect`, one level deep.
 */
export function summarise(trace: Trace, primitivesOnly = false): string {
  const lines: string[] = [];
  const place = (l: { line: number; column: number } | null): string => (l ? `${l.line}:${l.column}` : '-');
  const promises = new Map(trace.promises.map((p) => [p.id, p]));
  const userJobs = trace.jobs.filter((j) => !j.internal && !(j.promise !== null && promises.get(j.promise)?.internal));
  lines.push('# jobs');
  for (const job of userJobs) {
    const promise = job.promise !== null ? promises.get(job.promise) : undefined;
    const queued = job.enqueuedAt !== null ? ' queued' : '';
    lines.push(
      `${job.task} ${job.label}${promise ? ` (${promise.kind} @${place(promise.location)})` : ''} @${place(job.location)}${queued}`,
    );
  }
  lines.push('# promises');
  for (const p of trace.promises) {
    if (p.internal) continue;
    const inputs = p.inputs.length > 0 ? ` inputs ${p.inputs.length}` : '';
    const reactions = p.reactions.length > 0 ? ` reactions ${p.reactions.map((r) => r.on).join(',')}` : '';
    const shown = p.value !== null && (!primitivesOnly || PRIMITIVE_TYPES.has(p.value.type));
    const value = p.value
      ? shown
        ? ` ${p.value.type} ${p.value.text}${p.value.truncated ? ' (cut)' : ''}`
        : ' (object)'
      : '';
    lines.push(
      `${place(p.location)} ${p.kind}${inputs}${reactions} -> ${p.state}${value}${p.unhandled ? ' UNHANDLED' : ''}`,
    );
  }
  lines.push('# console');
  for (const e of trace.events) if (e.type === 'console') lines.push(`[${e.task}] ${e.stream}: ${e.text}`);
  lines.push('# exit');
  lines.push(
    `${trace.exit.reason} ${trace.exit.code}${trace.exit.message ? ` ${trace.exit.message}` : ''}${trace.truncated ? ' truncated' : ''}`,
  );
  return lines.join('\n') + '\n';
}

describe('runtime golden traces', function () {
  this.timeout(60000);
  const files = fs
    .readdirSync(corpus)
    .filter((f) => /\.(js|mjs|cjs|ts)$/.test(f))
    .sort();

  it('has a corpus', () => {
    assert.ok(files.length >= 10, `only ${files.length} programs in ${corpus}`);
    assert.ok(fs.existsSync(register), 'dist/register.js is built');
  });

  for (const name of files) {
    it(name, function () {
      for (let attempt = 1; ; attempt++) {
        try {
          check.call(this, name);
          return;
        } catch (error) {
          if (!TIMING.test(name) || attempt >= ATTEMPTS || update) throw error;
        }
      }
    });
  }

  function check(this: Mocha.Context, name: string): void {
    {
      const file = path.join(corpus, name);
      const typescript = name.endsWith('.ts');
      if (typescript && !fs.existsSync(loader)) this.skip();
      const base = typescript ? ['--require', loader] : [];
      const env = { ...process.env };
      for (const key of Object.values(RECORDING_ENV)) delete env[key];
      const plain = run(file, base, env);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-golden-'));
      const out = path.join(dir, 'recording.bin');
      try {
        const modes: Array<[string, string[], NodeJS.ProcessEnv?]> = [
          ['as the runner starts it', ['--expose-internals']],
        ];
        // Creation sites given by the loader (src/loader/sites.ts): the same output and the same trace.
        if (/\.c?js$/.test(name))
          modes.push([
            'with creation sites given at load time',
            ['--expose-internals', '--require', loader],
            { [LOADER_ENV.sites]: '1' },
          ]);
        if (!RUNNER_ONLY.has(name)) modes.push(['as a bare preload', []]);
        // Without `new Function` the runtime cannot make its private symbol and stamps ids in a class field.
        if (name === 'hostile-values.js')
          modes.push([
            'with code generation from strings disallowed',
            ['--expose-internals', '--disallow-code-generation-from-strings'],
          ]);
        let runner: Trace | null = null;
        for (const [mode, flags, modeEnv] of modes) {
          fs.rmSync(out, { force: true });
          // The tracer's flags come last and are counted, as the runner does, so the program sees only `base`.
          const own = [...flags, '--require', register];
          const tracerEnv = {
            [RECORDING_ENV.out]: out,
            [RECORDING_ENV.entry]: file,
            [RECORDING_ENV.nodeFlags]: String(own.length),
          };
          const traced = run(file, [...base, ...own], { ...env, ...tracerEnv, ...modeEnv });
          assert.strictEqual(traced.output, plain.output, `output (stdout and stderr on one pipe) differs ${mode}`);
          assert.strictEqual(traced.status, plain.status, `exit code differs from plain node ${mode}`);
          const trace = readBareRecording(out, file, traced.status);
          if (flags.length === 0 && runner !== null) {
            assert.strictEqual(summarise(trace, true), summarise(runner, true), `trace differs ${mode}`);
            continue;
          }
          runner ??= trace;
          const summary = summarise(trace);
          const expectedFile = path.join(corpus, `${name}.trace.txt`);
          if (update || !fs.existsSync(expectedFile)) {
            fs.writeFileSync(expectedFile, summary);
            if (!update) assert.fail(`wrote the missing ${path.basename(expectedFile)}; check it and commit it`);
          } else {
            assert.strictEqual(summary, fs.readFileSync(expectedFile, 'utf8'), `trace differs ${mode}`);
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
});
