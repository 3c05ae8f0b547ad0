import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrace } from '../../../src/core/trace/format';
import { decodeNative } from '../../../src/core/trace/format/native';
import type { Trace } from '../../../src/core/trace/model';
import { distDir, tempFolder } from '../../shared/runHelpers';

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
    const file = folder.write(
      'app.js',
      "console.log('out'); console.error('err'); Promise.resolve().then(() => console.log('micro'));\n",
    );
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
    const file = folder.write(
      'many.js',
      'let p = Promise.resolve(); for (let i = 0; i < 1000; i++) p = p.then(() => i);\n',
    );
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
    // Bytes, not text: the native format is binary.
    const { stdout } = spawnSync(process.execPath, [cli, 'trace', file], { cwd: folder.dir, timeout: 60_000 });
    assert.ok(stdout.toString('latin1').startsWith('PLTRACE 2\n'), stdout.toString('latin1', 0, 40));
    const trace = decodeNative(stdout);
    assert.ok(trace.events.some((e) => e.type === 'console' && e.text.startsWith('hi')));
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

describe('promise-lens trace, stopped from outside', function () {
  this.timeout(60_000);
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder()));
  afterEach(() => folder.remove());

  /** Starts the CLI with its own temporary folder; resolves with its exit code and what it printed. */
  function start(args: string[], onStdout: (text: string, child: ChildProcess) => void) {
    const tmp = join(folder.dir, 'tmp');
    mkdirSync(tmp);
    const child = spawn(process.execPath, [cli, 'trace', ...args], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => onStdout(chunk.toString(), child));
    return new Promise<{ code: number | null; stderr: string; leftInTmp: string[] }>((resolve) =>
      child.on('close', (code) => resolve({ code, stderr, leftInTmp: readdirSync(tmp) })),
    );
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`killed with ${signal}, writes the trace so far, removes its temporary folder and exits ${code}`, async () => {
      const file = folder.write(
        'app.js',
        "const p = Promise.resolve(1).then((x) => x + 1);\nconsole.log('ready');\nsetInterval(() => {}, 1000);\n",
      );
      const out = join(folder.dir, 'app.pltrace');
      const result = await start([file, '--out', out], (text, child) => {
        if (text.includes('ready')) child.kill(signal);
      });
      assert.equal(result.code, code, result.stderr);
      assert.deepEqual(result.leftInTmp, []);
      const trace = loadTrace(out);
      assert.equal(trace.exit.reason, 'cancelled');
      const then = trace.promises.find((p) => p.kind === 'then' && !p.internal);
      assert.deepEqual([then?.state, then?.value?.text], ['fulfilled', '2']);
    });
  }

  it('stops writing without an error when its reader goes away (| head)', async () => {
    const file = folder.write('app.js', 'for (let i = 0; i < 3000; i++) Promise.resolve(i).then((x) => x);\n');
    let closed = false;
    const result = await start([file, '--format', 'text'], (_text, child) => {
      if (closed) return;
      closed = true;
      child.stdout?.destroy();
    });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|Error/);
  });
});

describe('promise-lens trace: what it runs, and what it refuses', function () {
  this.timeout(60_000);
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder()));
  afterEach(() => folder.remove());

  /** The program's output and exit code under plain node and traced (`--out`), which must be equal. */
  function sideBySide(target: string) {
    const plain = spawnSync(process.execPath, [target], { encoding: 'utf8', cwd: folder.dir });
    const traced = run([target, '--out', join(folder.dir, 'out.pltrace')], folder.dir);
    return {
      plain: [plain.status, plain.stdout],
      traced: [traced.code, traced.stdout],
      trace: loadTrace(join(folder.dir, 'out.pltrace')),
    };
  }

  it('runs a file without an extension as node does', () => {
    const file = folder.write(
      'tool',
      "console.log('tool', typeof require);\nPromise.resolve(2).then((x) => console.log(x));\n",
    );
    const { plain, traced, trace } = sideBySide(file);
    assert.deepEqual(traced, plain);
    assert.deepEqual(plain, [0, 'tool function\n2\n']);
    assert.ok(trace.promises.some((p) => !p.internal && p.location?.file === file));
  });

  it('runs a folder as node does: its package.json main, else its index.js', () => {
    folder.write('pkg/package.json', JSON.stringify({ main: 'lib/start.js' }));
    const main = folder.write(
      'pkg/lib/start.js',
      "console.log('main', process.argv[1] === require('path').join(__dirname, '..'));\n",
    );
    const withMain = sideBySide(join(folder.dir, 'pkg'));
    assert.deepEqual(withMain.traced, withMain.plain);
    assert.deepEqual(withMain.plain, [0, 'main true\n']);
    assert.equal(withMain.trace.file, main);
    folder.write('plain/index.js', "console.log('index');\n");
    const withIndex = sideBySide(join(folder.dir, 'plain'));
    assert.deepEqual(withIndex.traced, withIndex.plain);
    assert.deepEqual(withIndex.plain, [0, 'index\n']);
  });

  it('a syntax error: the same report and exit code as plain node; the trace says where, with none of the report as output', () => {
    const file = folder.write('broken.js', "console.log('never');\n\tlet = = 3;\n");
    const plain = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: folder.dir });
    const out = join(folder.dir, 'out.pltrace');
    const traced = run([file, '--out', out], folder.dir);
    assert.deepEqual(
      [traced.code, traced.stdout, traced.stderr.replace(/promise-lens trace: .*\n/g, '')],
      [plain.status, plain.stdout, plain.stderr],
    );
    assert.equal(plain.status, 1);
    const trace = loadTrace(out);
    assert.deepEqual(trace.exit.syntaxError, { file, line: 2, column: 8 });
    assert.equal(trace.exit.message, "SyntaxError: Unexpected token '='");
    assert.deepEqual(
      trace.events.filter((e) => e.type === 'console'),
      [],
    );
  });

  it('refuses a folder with nothing to run', () => {
    const { code, stderr } = run([join(folder.dir)]);
    assert.equal(code, 2);
    assert.match(stderr, /folder with nothing for Node to run/);
  });

  it('refuses a time limit longer than a timer can wait, saying so', () => {
    const file = folder.write('app.js', "console.log('ran');\n");
    const { code, stdout, stderr } = run([file, '--timeout', '99999999999']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /--timeout is at most 2147483647/);
    assert.doesNotMatch(stderr, /TimeoutOverflowWarning/);
  });

  it('refuses --out naming the program itself, and leaves the program as it was', () => {
    const source = "console.log('ran');\n";
    const file = folder.write('app.js', source);
    const { code, stderr } = run([file, '--out', file]);
    assert.equal(code, 2);
    assert.match(stderr, /is the program itself/);
    assert.equal(readFileSync(file, 'utf8'), source);
  });
});

describe('promise-lens trace --out: the program keeps its terminal', function () {
  this.timeout(60_000);
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder()));
  afterEach(() => folder.remove());

  const source = `for (let i = 0; i < 3; i++) { console.log('out ' + i); console.error('err ' + i); }
console.log('tty', process.stdout.isTTY, process.stderr.isTTY);
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => { console.log('stdin:', JSON.stringify(input)); process.exitCode = 3; });
`;
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  /** Runs `command` in a shell with stdout and stderr one pipe; the CLI's own last lines taken off. */
  function shell(command: string) {
    const result = spawnSync('/bin/sh', ['-c', `${command} 2>&1`], {
      encoding: 'utf8',
      cwd: folder.dir,
      timeout: 60_000,
    });
    return { code: result.status, output: result.stdout.replace(/promise-lens trace: .*\n/g, '') };
  }

  it('one pipe for stdout and stderr: the lines keep their order, and piped input reaches the program', function () {
    if (process.platform === 'win32') this.skip();
    const file = folder.write('app.js', source);
    const plain = shell(`printf 'piped in' | ${quote(process.execPath)} ${quote(file)}`);
    const traced = shell(
      `printf 'piped in' | ${quote(process.execPath)} ${quote(cli)} trace ${quote(file)} --out out.pltrace`,
    );
    assert.deepEqual(traced, plain);
    assert.deepEqual(plain, {
      code: 3,
      output: 'out 0\nerr 0\nout 1\nerr 1\nout 2\nerr 2\ntty undefined undefined\nstdin: "piped in"\n',
    });
    const trace = loadTrace(join(folder.dir, 'out.pltrace'));
    assert.equal(trace.events.filter((e) => e.type === 'console').length, 8);
  });

  it('one pipe, a run stopped at the time limit: Node prints no inspector address among the lines', function () {
    if (process.platform === 'win32') this.skip();
    const file = folder.write('spin.js', "console.log('before');\nconsole.error('spinning');\nfor (;;);\n");
    const traced = shell(
      `${quote(process.execPath)} ${quote(cli)} trace ${quote(file)} --out out.pltrace --timeout 1500`,
    );
    assert.equal(traced.code, 137);
    // Node announces the session the runner opens to stop the program; the address and help are not printed.
    assert.equal(traced.output.replace('Debugger attached.\n', ''), 'before\nspinning\n');
    const trace = loadTrace(join(folder.dir, 'out.pltrace'));
    assert.equal(trace.exit.reason, 'timeout');
    assert.equal(trace.exit.stuckAt?.line, 3);
  });

  it('a terminal: the program sees a TTY, as under plain node', function () {
    // `script` (util-linux) gives the command a pseudo-terminal.
    if (spawnSync('script', ['--version']).status !== 0) this.skip();
    const file = folder.write('app.js', source);
    const inTerminal = (command: string) => {
      const result = spawnSync('script', ['-qec', `${command} </dev/null`, '/dev/null'], {
        encoding: 'utf8',
        cwd: folder.dir,
        timeout: 60_000,
      });
      return { code: result.status, output: result.stdout.replace(/promise-lens trace: .*\r?\n/g, '') };
    };
    const plain = inTerminal(`${quote(process.execPath)} ${quote(file)}`);
    const traced = inTerminal(`${quote(process.execPath)} ${quote(cli)} trace ${quote(file)} --out out.pltrace`);
    assert.match(plain.output, /tty .*true.* .*true/);
    assert.deepEqual(traced, plain);
  });
});
