import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrace } from '../../src/core/trace/format';
import type { Trace } from '../../src/core/trace/model';
import { distDir, tempFolder } from './runHelpers';

const cli = join(distDir, 'cli.js');

function run(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [cli, 'trace', ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('promise-lens trace', function () {
  this.timeout(60_000);
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder()));
  afterEach(() => folder.remove());

  it('prints one JSON trace document and exits with the program’s code', () => {
    const file = folder.write('app.js', "console.log('hello'); process.exitCode = 4;\n");
    const { code, stdout } = run([file, '--format', 'json']);
    assert.equal(code, 4);
    const trace = JSON.parse(stdout) as Trace;
    assert.equal(trace.version, 1);
    assert.equal(trace.file, file);
    assert.equal(trace.exit.code, 4);
    assert.equal(trace.exit.reason, 'completed');
    assert.ok(Array.isArray(trace.promises) && Array.isArray(trace.events));
  });

  it('records console lines with their stream and task', () => {
    const file = folder.write('app.js', "console.log('out'); console.error('err'); Promise.resolve().then(() => console.log('micro'));\n");
    const trace = JSON.parse(run([file, '--format', 'json']).stdout) as Trace;
    const lines = trace.events.flatMap((e) => (e.type === 'console' ? [[e.stream, e.text, e.task]] : []));
    assert.deepEqual(lines, [
      ['stdout', 'out', 'script'],
      ['stderr', 'err', 'script'],
      ['stdout', 'micro', 'microtask'],
    ]);
  });

  it('writes the native format with --out, which loadTrace reads, and leaves the terminal to the program', () => {
    const file = folder.write('app.js', "console.log('hello');\n");
    const out = join(folder.dir, 'app.pltrace');
    const { code, stdout, stderr } = run([file, '--out', out]);
    assert.equal(code, 0);
    assert.equal(stdout, 'hello\n');
    assert.match(stderr, /wrote .*app\.pltrace/);
    const trace = loadTrace(out);
    assert.equal(trace.file, file);
    assert.equal(trace.exit.reason, 'completed');
  });

  it('prints a text timeline and the summary with --format text', () => {
    const file = folder.write('app.js', "console.log('hello');\n");
    const { code, stdout } = run([file, '--format', 'text']);
    assert.equal(code, 0);
    assert.match(stdout, /^Promise Lens trace of .*app\.js$/m);
    assert.match(stdout, /completed, exit code 0/);
  });

  it('prints the Trace Event format with --format chrome', () => {
    const file = folder.write('app.js', "setTimeout(() => console.log('hello'), 1);\n");
    const chrome = JSON.parse(run([file, '--format', 'chrome']).stdout) as { traceEvents: { ph: string }[] };
    assert.ok(chrome.traceEvents.some((e) => e.ph === 'M'));
  });

  it('stops a program at --timeout and exits as killed', () => {
    const file = folder.write('spin.js', 'while (true) {}\n');
    const { code, stdout, stderr } = run([file, '--format', 'json', '--timeout', '1000']);
    assert.equal(code, 128 + 9);
    assert.equal((JSON.parse(stdout) as Trace).exit.reason, 'timeout');
    assert.match(stderr, /timeout, killed by SIGKILL: Stopped after 1 s/);
  });

  it('passes --max-events to the runtime', () => {
    const file = folder.write('many.js', 'let p = Promise.resolve(); for (let i = 0; i < 1000; i++) p = p.then(() => i);\n');
    const trace = JSON.parse(run([file, '--format', 'json', '--max-events', '50']).stdout) as Trace;
    assert.equal(trace.truncated, true);
    assert.equal(trace.exit.reason, 'event-limit');
    assert.ok(trace.events.length <= 50, `${trace.events.length} events`);
  });

  it('exits 2 with a clear message when the file cannot be traced', () => {
    const missing = run([join(folder.dir, 'nope.js')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /promise-lens trace: No such file: .*nope\.js/);
    const format = run([folder.write('a.js', ''), '--format', 'yaml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /unknown format 'yaml' \(one of: native, json, text, chrome/);
    const timeout = run([folder.write('b.js', ''), '--timeout', 'soon']);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout needs a positive whole number/);
    const node = run([folder.write('c.js', ''), '--node', '/no/such/node']);
    assert.equal(node.code, 2);
    assert.match(node.stderr, /not an executable file/);
    assert.equal(run([]).code, 2);
  });

  it('sends the default native trace to stdout when stdout is a pipe, writing no file', () => {
    const file = folder.write('app.js', "console.log('hi');\n");
    const { stdout } = run([file], folder.dir);
    assert.ok(stdout.startsWith('PLTRACE 1\n'), stdout.slice(0, 40));
    assert.equal(existsSync(join(folder.dir, 'app.pltrace')), false);
  });

  it('explains itself with --help', () => {
    const { code, stdout } = run(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--format NAME/);
    assert.match(stdout, /chrome +Trace Event format/);
  });
});

describe('the preload on its own, then promise-lens trace --recording', function () {
  this.timeout(60_000);

  it('records any Node program with node --require dist/register.js and formats the recording', () => {
    const folder = tempFolder();
    try {
      const file = folder.write('server.js', "setTimeout(() => console.log('started'), 1);\n");
      const recording = join(folder.dir, 'server.plrec');
      const plain = spawnSync(process.execPath, ['--require', join(distDir, 'register.js'), file], {
        encoding: 'utf8',
        env: { ...process.env, PROMISE_LENS_OUT: recording },
      });
      assert.equal(plain.stdout, 'started\n', 'the program runs as under plain node');
      const { code, stdout } = run(['--recording', recording, file, '--format', 'json']);
      assert.equal(code, 0);
      const trace = JSON.parse(stdout) as Trace;
      assert.equal(trace.file, file);
      assert.deepEqual(
        trace.events.flatMap((e) => (e.type === 'console' ? [[e.text, e.task]] : [])),
        [['started', 'timer']],
      );
      const timer = trace.jobs.find((j) => j.task === 'timer');
      assert.equal(timer?.why?.rule, 'timer', 'each job says why it ran then');
      assert.match(timer.why.text, /^Timers phase: this 1 ms timer \(set at step \d+\) was due/);
      assert.deepEqual(loadTrace(recording).events, trace.events, 'loadTrace reads a recording too');
      const bad = run(['--recording', folder.write('bad.plrec', 'garbage')]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /bad\.plrec: not a Promise Lens recording/);
    } finally {
      folder.remove();
    }
  });
});
