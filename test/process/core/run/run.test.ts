import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotTrace, runTrace, type RunOptions } from '../../../../src/core/run';
import { killTree } from '../../../../src/core/run/processTree';
import type { Trace } from '../../../../src/core/trace/model';
import { distDir, livingInGroup, tempFolder, testNode } from '../../../shared/runHelpers';

/** Runs `source` as a .js file under the tracer; returns the trace, the pid and what it printed. */
async function trace(source: string, options: Partial<RunOptions> = {}, name = 'program.js') {
  const folder = tempFolder();
  try {
    const file = folder.write(name, source);
    let pid = 0;
    let stdout = '';
    const started = Date.now();
    const result: Trace = await runTrace({
      file,
      distDir,
      node: await testNode(),
      onSpawn: (p) => (pid = p),
      onOutput: (stream, chunk) => {
        if (stream === 'stdout') stdout += chunk.toString();
      },
      ...options,
    });
    return { trace: result, pid, stdout, elapsed: Date.now() - started };
  } finally {
    folder.remove();
  }
}

function assertNothingLeft(pid: number): void {
  assert.ok(pid > 0, 'the program was started');
  assert.deepEqual(livingInGroup(pid), [], `processes of group ${pid} still alive`);
}

describe('runTrace: the watchdog', function () {
  this.timeout(30_000);

  it('stops an endless loop at the time limit', async () => {
    const { trace: t, pid, elapsed } = await trace('while (true) {}', { timeoutMs: 1500 });
    assert.equal(t.exit.reason, 'timeout');
    assert.equal(t.exit.code, null);
    assert.equal(t.exit.signal, process.platform === 'win32' ? null : 'SIGKILL');
    assert.match(t.exit.message ?? '', /1\.5 s|1500 ms/);
    assert.ok(elapsed < 8000, `stopped after ${elapsed} ms`);
    assertNothingLeft(pid);
  });

  it('keeps what the program printed before an endless loop as its own lines, in its script job', async () => {
    const { trace: t } = await trace("console.log('one');\nconsole.error('two');\nwhile (true) {}\n", {
      timeoutMs: 1000,
    });
    assert.equal(t.exit.reason, 'timeout');
    const printed = t.events.flatMap((e) =>
      e.type === 'console' ? [`${e.stream} ${e.outside ? 'outside' : e.task}: ${e.text}`] : [],
    );
    assert.deepEqual(printed, ['stdout script: one', 'stderr script: two']);
  });

  it('keeps what the program did before it sat waiting, when the time limit kills it', async () => {
    const { trace: t } = await trace('const p = Promise.resolve(1).then((x) => x + 1);\nsetTimeout(() => {}, 1e6);\n', {
      timeoutMs: 1000,
    });
    assert.equal(t.exit.reason, 'timeout');
    const then = t.promises.find((p) => p.kind === 'then' && !p.internal);
    assert.deepEqual([then?.state, then?.value?.text], ['fulfilled', '2']);
    assert.ok(
      t.jobs.some((j) => j.task === 'microtask' && !j.internal),
      JSON.stringify(t.jobs),
    );
  });

  it('keeps every promise made before an endless loop, and names the line it was stuck on', async () => {
    const source =
      'const ps = [];\nfor (let i = 0; i < 12; i++) ps.push(new Promise((r) => r(i)));\nfunction spin() {\n  let x = 0;\n  while (true) x++;\n}\nspin();\n';
    const { trace: t, pid, elapsed } = await trace(source, { timeoutMs: 1000 });
    assert.equal(t.exit.reason, 'timeout');
    assert.equal(t.promises.filter((p) => !p.internal).length, 12);
    assert.deepEqual(
      t.promises.filter((p) => !p.internal).map((p) => p.state),
      Array(12).fill('fulfilled'),
    );
    assert.ok(t.exit.stuckAt, 'the trace names where the program was');
    assert.match(t.exit.stuckAt.file, /program\.js$/);
    assert.deepEqual([t.exit.stuckAt.line, t.exit.stuckAt.column], [5, 3]);
    // Node's lines about the inspector the runner opened are not the program's output.
    assert.deepEqual(
      t.events.filter((e) => e.type === 'console'),
      [],
    );
    assert.ok(elapsed < 1000 + 2500, `stopped after ${elapsed} ms`);
    assertNothingLeft(pid);
  });

  it("names the .ts line a TypeScript program was stuck on when cancelled, not the tracer's", async () => {
    const controller = new AbortController();
    const source =
      "const ps: Promise<number>[] = [];\nfor (let i = 0; i < 3; i++) ps.push(Promise.resolve(i));\nconsole.log('looping');\nfunction spin(): void {\n  let x: number = 0;\n  while (true) x++;\n}\nspin();\n";
    const { trace: t } = await trace(
      source,
      { timeoutMs: 20_000, signal: controller.signal, onOutput: () => setTimeout(() => controller.abort(), 100) },
      'program.ts',
    );
    assert.equal(t.exit.reason, 'cancelled');
    assert.match(t.exit.stuckAt?.file ?? '', /program\.ts$/);
    assert.deepEqual([t.exit.stuckAt?.line, t.exit.stuckAt?.column], [6, 3]);
    assert.equal(t.promises.filter((p) => !p.internal).length, 3);
  });

  it('names no stuck line when the program was only waiting', async () => {
    const { trace: t } = await trace('setTimeout(() => {}, 1e6);\n', { timeoutMs: 800 });
    assert.equal(t.exit.reason, 'timeout');
    assert.equal(t.exit.stuckAt, undefined);
  });

  it('stops microtask starvation, where the event loop never turns', async () => {
    const { trace: t, pid } = await trace('function f() { Promise.resolve().then(f); } f();', { timeoutMs: 1500 });
    assert.equal(t.exit.reason, 'timeout');
    assert.equal(t.exit.code, null);
    // Often stopped while the tracer formats a stack of its own: the line is found all the same.
    assert.equal(t.exit.stuckAt?.line, 1);
    assert.match(t.exit.stuckAt?.file ?? '', /program\.js$/);
    assertNothingLeft(pid);
  });

  it('stops a program that floods its output', async () => {
    // A loop that never yields stops printing (its writes queue up unflushed) and ends at the time
    // or heap limit instead; this one prints as fast as the pipe takes it.
    const flood = "(function flood() { process.stdout.write('x'.repeat(65536), flood); })();";
    const {
      trace: t,
      pid,
      stdout,
    } = await trace(flood, {
      maxOutputBytes: 1024 * 1024,
      timeoutMs: 20_000,
    });
    assert.equal(t.exit.reason, 'output-limit');
    assert.equal(t.exit.code, null);
    assert.match(t.exit.message ?? '', /1 MiB/);
    assert.ok(stdout.length <= 1024 * 1024, `forwarded ${stdout.length} bytes, no more than the limit`);
    assertNothingLeft(pid);
  });

  it('stops a program that floods its output in a loop that never yields, counting what it wrote', async () => {
    // Its writes queue up in its own memory: nothing reaches the pipe, where the runner counts.
    const {
      trace: t,
      pid,
      elapsed,
    } = await trace("for (;;) console.log('y'.repeat(100));\n", { maxOutputBytes: 1024 * 1024, timeoutMs: 20_000 });
    assert.equal(t.exit.reason, 'output-limit');
    assert.ok(elapsed < 10_000, `stopped after ${elapsed} ms`);
    assert.equal(t.exit.stuckAt?.line, 1);
    const lines = t.events.filter((e) => e.type === 'console').length;
    assert.ok(lines > (1024 * 1024) / 101 - 2 && lines <= (1024 * 1024) / 101 + 1, `${lines} lines recorded`);
    assertNothingLeft(pid);
  });

  it('keeps 8 Mi characters of console text as written, then the start of each line, so a flood still leaves a trace', async () => {
    const { trace: t } = await trace("for (let i = 0; i < 2500; i++) console.log(String(i).padEnd(4096, 'x'));\n", {
      maxOutputBytes: 64 * 1024 * 1024,
    });
    assert.equal(t.exit.reason, 'completed');
    const lines = t.events.flatMap((e) => (e.type === 'console' && !e.outside ? [e.text] : []));
    assert.equal(lines.length, 2500);
    assert.equal(lines[0].length, 4096);
    assert.equal(lines[2047].length, 4096);
    assert.equal(lines[2048].length, 80);
    assert.equal(lines[2499], '2499'.padEnd(80, 'x'));
    assert.equal(t.events.filter((e) => e.type === 'console' && e.outside).length, 0);
  });

  it('reports a program that eats its heap as heap-limit', async () => {
    const { trace: t, pid } = await trace('const keep = []; for (;;) keep.push(new Array(1e5).fill({}));', {
      maxHeapMb: 64,
      timeoutMs: 20_000,
    });
    assert.equal(t.exit.reason, 'heap-limit');
    assert.notEqual(t.exit.code, 0);
    assert.match(t.exit.message ?? '', /64 MB/);
    assertNothingLeft(pid);
  });

  it('keeps, at the heap limit, what was recorded up to the last promise the program made', async () => {
    // Each of the timer's promises holds 16 KB, so the heap fills while they are made; the program
    // counts them into a file of its own, which V8's end at the limit leaves on disk.
    const folder = tempFolder();
    try {
      const made = join(folder.dir, 'made');
      const { trace: t } = await trace(
        [
          "const fs = require('fs');",
          'const kept = [];',
          'for (let i = 0; i < 5000; i++) kept.push(Promise.resolve(i).then((v) => v + 1));',
          'setTimeout(() => {',
          `  const fd = fs.openSync(${JSON.stringify(made)}, 'w');`,
          '  for (let i = 1; ; i++) {',
          '    kept.push(new Promise((resolve) => resolve(new Array(2000).fill(i))));',
          '    fs.writeSync(fd, String(i).padStart(10), 0);',
          '  }',
          '}, 0);',
        ].join('\n'),
        { maxHeapMb: 64, timeoutMs: 20_000 },
      );
      assert.equal(t.exit.reason, 'heap-limit');
      const user = t.promises.filter((p) => !p.internal);
      const timer = t.jobs.find((j) => j.task === 'timer');
      assert.ok(timer, 'the timer job is in the trace');
      const inTimer = user.filter((p) => p.createdAt > timer.startedAt).length;
      const count = Number(readFileSync(made, 'utf8'));
      assert.ok(count > 1000, `the timer made ${count} promises before the heap was full`);
      // The promise whose value was being built when V8 gave up may be missing, no other.
      assert.ok(inTimer >= count && inTimer <= count + 1, `${inTimer} of the timer's ${count} promises recorded`);
      assert.equal(user.length - inTimer, 10_000, 'every promise of the script');
      assert.equal(t.jobs.filter((j) => j.task === 'microtask').length, 5000, 'every microtask before the timer');
    } finally {
      folder.remove();
    }
  });

  for (const made of [3000, 30_000]) {
    // 3,000 promises: each record written as it is whole; 30,000: past the first 2,000 records, by
    // the flusher thread (src/runtime/flusher.ts). Both lost their last records before (0 of 3,000;
    // 27,304 of 30,000): V8 ends the process at the limit with nothing run.
    it(`keeps, at the heap limit, every one of ${made} promises made before a loop that records nothing`, async () => {
      const { trace: t } = await trace(
        [
          'const kept = [];',
          'setTimeout(() => {',
          `  for (let i = 0; i < ${made}; i++) kept.push(Promise.resolve(i));`,
          '  const junk = [];',
          '  for (;;) junk.push(new Array(1e5).fill(0.5));',
          '}, 0);',
        ].join('\n'),
        { maxHeapMb: 64, timeoutMs: 20_000 },
      );
      assert.equal(t.exit.reason, 'heap-limit');
      const user = t.promises.filter((p) => !p.internal);
      assert.equal(user.length, made);
      assert.ok(
        user.every((p) => p.state === 'fulfilled'),
        'each settled',
      );
      // A value is read at the runtime's next hook after the settle (V8 stores it after calling that
      // hook): the last promise's, with no hook after it, is never read.
      const values = user.filter((p, i) => p.value?.text === String(i)).length;
      assert.equal(values, made - 1, `${values} values`);
    });
  }

  it('keeps the exit code of process.exit', async () => {
    const { trace: t, pid, stdout } = await trace("console.log('before'); process.exit(3); console.log('after');");
    assert.equal(t.exit.code, 3);
    assert.equal(t.exit.signal, null);
    assert.equal(t.exit.reason, 'exit');
    assert.equal(stdout, 'before\n');
    assertNothingLeft(pid);
  });

  it('reports an uncaught exception as crashed, with its message', async () => {
    const { trace: t, pid } = await trace("setTimeout(() => { throw new TypeError('boom'); }, 1);");
    assert.equal(t.exit.code, 1);
    assert.equal(t.exit.reason, 'crashed');
    assert.match(t.exit.message ?? '', /TypeError: boom/);
    assertNothingLeft(pid);
  });

  it("reports the program's own syntax error as crashed, with its message", async () => {
    const { trace: t, pid } = await trace('const x = ;\n');
    assert.equal(t.exit.code, 1);
    assert.equal(t.exit.reason, 'crashed');
    assert.match(t.exit.message ?? '', /SyntaxError: Unexpected token/);
    assert.deepEqual(t.exit.syntaxError, { file: t.file, line: 1, column: 11 });
    assert.deepEqual(
      t.events.filter((e) => e.type === 'console'),
      [],
      "no lines of Node's report",
    );
    assertNothingLeft(pid);
  });

  it('queues no next run of an interval its own callback cleared', async () => {
    const { trace: t } = await trace(
      'let n = 0; const id = setInterval(() => { if (++n === 3) clearInterval(id); }, 1);',
    );
    const runs = t.jobs.filter((job) => job.task === 'timer');
    const queued = t.events.filter((e) => e.type === 'enqueue' && e.task === 'timer');
    assert.equal(runs.length, 3);
    assert.deepEqual(
      queued.map((e) => e.type === 'enqueue' && e.job),
      runs.map((job) => job.id),
    );
  });

  it('reports a program killed by a signal from outside', async () => {
    let pid = 0;
    const { trace: t } = await trace("console.log('ready'); setInterval(() => {}, 1000);", {
      timeoutMs: 20_000,
      onSpawn: (p) => (pid = p),
      onOutput: () => process.kill(pid, 'SIGTERM'),
    });
    assert.equal(t.exit.reason, 'signal');
    assert.equal(t.exit.code, null);
    assert.equal(t.exit.signal, 'SIGTERM');
    assertNothingLeft(pid);
  });

  it('cancels: aborting kills the program at once', async () => {
    const controller = new AbortController();
    let pid = 0;
    const { trace: t, elapsed } = await trace("console.log('ready'); setInterval(() => {}, 1000);", {
      timeoutMs: 20_000,
      signal: controller.signal,
      onSpawn: (p) => (pid = p),
      onOutput: () => controller.abort(),
    });
    assert.equal(t.exit.reason, 'cancelled');
    assert.ok(elapsed < 10_000);
    assertNothingLeft(pid);
  });

  it('leaves nothing running that the program started', async () => {
    const source = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log(child.pid);
      setTimeout(() => process.exit(0), 200);
    `;
    const { trace: t, pid, stdout } = await trace(source);
    assert.equal(t.exit.code, 0);
    const grandchild = Number(stdout.trim());
    assert.ok(grandchild > 0, `the program started a child: ${stdout}`);
    assertNothingLeft(pid);
  });

  for (const [how, end, options] of [
    ['exits', 'setTimeout(() => {}, 100);', {}],
    ['is killed at the time limit', 'setTimeout(() => { for (;;); }, 100);', { timeoutMs: 1500 }],
  ] as const) {
    it(`kills a detached child the program left running when it ${how}`, async () => {
      const source = `
        const { spawn } = require('node:child_process');
        const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
        child.unref();
        console.log(child.pid);
        ${end}
      `;
      const { stdout } = await trace(source, options);
      const grandchild = Number(stdout.trim());
      assert.ok(grandchild > 0, `the program started a child: ${stdout}`);
      assert.deepEqual(livingInGroup(grandchild), [], `the detached child ${grandchild} still runs`);
    });
  }

  it('gives stdin end-of-file at once', async () => {
    const source = "process.stdin.on('data', () => {}).on('end', () => console.log('eof'));";
    const { trace: t, stdout } = await trace(source, { timeoutMs: 10_000 });
    assert.equal(t.exit.reason, 'completed');
    assert.equal(stdout, 'eof\n');
    // The trace says that the program read stdin and got end-of-file, and where it took it.
    assert.deepEqual(t.stdinEof?.at && [t.stdinEof.at.line, t.stdinEof.at.column], [1, 9]);
  });

  it('says nothing of stdin when the program never took it', async () => {
    const { trace: t } = await trace("console.log('no input needed');");
    assert.equal(t.stdinEof, undefined);
  });

  it('says clearly when the file does not exist', async () => {
    await assert.rejects(
      runTrace({ file: '/no/such/dir/program.js', distDir, node: await testNode() }),
      (error: Error) =>
        error instanceof CannotTrace && /No such file: \/no\/such\/dir\/program\.js/.test(error.message),
    );
  });

  it('says clearly when Node cannot be started', async () => {
    const node = { ...(await testNode()), command: '/no/such/node' };
    const folder = tempFolder();
    try {
      const t = await runTrace({ file: folder.write('a.js', ''), distDir, node });
      assert.equal(t.exit.reason, 'spawn-failed');
      assert.match(t.exit.message ?? '', /Could not start \/no\/such\/node/);
    } finally {
      folder.remove();
    }
  });

  it('runs a plain program to completion with its output and exit code 0', async () => {
    const { trace: t, stdout, pid } = await trace("console.log('1'); setTimeout(() => console.log('2'), 5);");
    assert.equal(t.exit.reason, 'completed');
    assert.equal(t.exit.code, 0);
    assert.equal(stdout, '1\n2\n');
    assert.ok(t.durationMs > 0);
    assertNothingLeft(pid);
  });

  it('hides its own Node flags from the program, as plain node would show none', async () => {
    const { stdout } = await trace('console.log(JSON.stringify(process.execArgv));');
    assert.equal(stdout, '[]\n');
  });
});

describe('runTrace: output that does not pass through the console', function () {
  this.timeout(30_000);
  const lines = (t: Trace): string[] =>
    t.events.flatMap((e) => (e.type === 'console' ? [`${e.stream} ${e.outside ? 'outside' : e.task}: ${e.text}`] : []));

  it("keeps a child process's lines and direct writes, in stream order, marked outside", async () => {
    const source = [
      "const { fork } = require('node:child_process');",
      "if (process.argv[2] === 'child') { console.log('from the child'); return; }",
      "console.log('one');",
      "require('node:fs').writeSync(1, 'direct two\\n');",
      "process.stdout.write('dGhyZWUK', 'base64');",
      "fork(__filename, ['child']).on('exit', () => console.log('child done'));",
    ].join('\n');
    const { trace: t, stdout } = await trace(source);
    assert.equal(stdout, 'one\ndirect two\nthree\nfrom the child\nchild done\n');
    assert.deepEqual(lines(t), [
      'stdout script: one',
      'stdout outside: direct two',
      'stdout script: three',
      'stdout outside: from the child',
      'stdout io: child done',
    ]);
  });

  it("adds Node's report of an uncaught exception, after everything the program printed", async () => {
    const { trace: t } = await trace(
      "console.error('first');\nsetTimeout(() => { throw new TypeError('boom'); }, 1);\n",
    );
    const printed = lines(t);
    assert.equal(printed[0], 'stderr script: first');
    assert.ok(printed.includes('stderr outside: TypeError: boom'), printed.join('\n'));
    assert.ok(
      printed.slice(1).every((line) => line.startsWith('stderr outside: ')),
      printed.join('\n'),
    );
  });

  it('finds nothing outside when the program prints only through its console', async () => {
    const { trace: t } = await trace(
      "console.log('a');\nprocess.stdout.write('no newline');\nconsole.error('b\\n');\nsetTimeout(() => console.log('x'.repeat(5000)));\n",
    );
    assert.deepEqual(
      t.events.filter((e) => e.type === 'console' && e.outside),
      [],
    );
    assert.equal(lines(t).length, 4);
  });
});

describe('runTrace: locations', function () {
  this.timeout(30_000);

  it('places line 1 of a file with a byte-order mark where an editor shows it (V8 counts the mark)', async () => {
    const source = 'const p = Promise.resolve(1);\np.then((x) => x);\n';
    const places = async (text: string) =>
      (await trace(text)).trace.promises
        .filter((p) => !p.internal)
        .map((p) => `${p.kind} ${p.location?.line}:${p.location?.column}`);
    const plain = await places(source);
    assert.deepEqual(plain, ['resolve 1:19', 'then 2:3']);
    assert.deepEqual(await places(`\uFEFF${source}`), plain);
  });
});

describe('runTrace: when the parent itself dies', function () {
  // Generous waits: on a loaded CI machine starting the CLI and the guard noticing take seconds.
  this.timeout(90_000);

  it('the program is killed too, though no one ran deactivate', async function () {
    if (process.platform !== 'linux') this.skip();
    const folder = tempFolder();
    let child: string | undefined;
    try {
      const file = folder.write('spin.js', 'while (true) {}\n');
      // The CLI is a parent running runTrace; kill it hard, as a crashed extension host would die.
      const parent = spawn(process.execPath, [join(distDir, 'cli.js'), 'trace', file, '--timeout', '60000'], {
        stdio: 'ignore',
      });
      const childOf = (pid: number, has: string) =>
        readdirSync('/proc')
          .filter((name) => /^\d+$/.test(name))
          .find((name) => {
            try {
              const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
              const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
              return parentPid === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(has);
            } catch {
              return false;
            }
          });
      for (let i = 0; i < 600 && !child; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        child = childOf(parent.pid!, file);
      }
      assert.ok(child, 'the traced program started');
      // The guard starts just after the program; killing the parent between the two would test nothing.
      let guard: string | undefined;
      for (let i = 0; i < 600 && !guard; i++) {
        guard = childOf(parent.pid!, 'promise-lens-guard');
        if (!guard) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(guard, 'the guard started');
      parent.kill('SIGKILL');
      let alive = livingInGroup(Number(child));
      for (let i = 0; i < 400 && alive.length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        alive = livingInGroup(Number(child));
      }
      assert.deepEqual(alive, [], 'the program outlived its parent');
    } finally {
      if (child) killTree(Number(child));
      folder.remove();
    }
  });
});
