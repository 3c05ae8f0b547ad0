import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../shared/paths';

const cli = join(repoRoot, 'dist/cli.js');
const example = join(repoRoot, 'examples/callback-pyramid.js');
const golden = join(repoRoot, 'test/golden/rewrite');

function promiseLens(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('promise-lens lint and fix', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'promise-lens-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lint --format json prints the findings with 1-based positions and exits 1', () => {
    const r = promiseLens('lint', example, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const records = JSON.parse(r.stdout);
    assert.deepEqual(records, [
      {
        file: example,
        rule: 'callback-hell',
        line: 20,
        column: 1,
        endLine: 20,
        endColumn: 12,
        depth: 4,
        message: 'Callback hell: callbacks nested 4 deep (more than 3).',
        fixable: true,
        reason: null,
      },
    ]);
    assert.equal(readFileSync(example, 'utf8').split('\n')[19].slice(0, 11), 'createOrder');
  });

  it('lint --format json over several files names the file of each record, as given on the command line', () => {
    const relative = 'examples/callback-pyramid.js';
    const declined = join(golden, 'callee-sync/input.js');
    const clean = join(repoRoot, 'examples/cart-order-payment.js');
    const r = spawnSync(process.execPath, [cli, 'lint', declined, clean, relative, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 30_000,
      cwd: repoRoot,
    });
    assert.equal(r.status, 1, r.stderr);
    const records = JSON.parse(r.stdout) as Array<{ file: string; line: number; fixable: boolean }>;
    assert.deepEqual(
      records.map((x) => [x.file, x.line, x.fixable]),
      [
        [declined, 8, false],
        [relative, 20, true],
      ],
    );
    for (const record of records) {
      assert.deepEqual(Object.keys(record), [
        'file',
        'rule',
        'line',
        'column',
        'endLine',
        'endColumn',
        'depth',
        'message',
        'fixable',
        'reason',
      ]);
    }
  });

  it('lint exits 0 on a clean file, honours --max-depth, and reports why a site is not fixable', () => {
    assert.equal(promiseLens('lint', join(repoRoot, 'examples/cart-order-payment.js')).status, 0);
    assert.equal(promiseLens('lint', example, '--max-depth', '5').status, 0);
    const r = promiseLens('lint', join(golden, 'callee-sync/input.js'), '--format=json');
    const [record] = JSON.parse(r.stdout);
    assert.equal(record.fixable, false);
    assert.match(record.reason, /calls its callback before it returns/);
    const text = promiseLens('lint', example);
    assert.match(text.stdout, /callback-pyramid\.js:20:1: callback-hell: .* \(quick fix available\)/);
  });

  it('lint and fix exit 2 on errors', () => {
    assert.equal(promiseLens('lint').status, 2);
    assert.equal(promiseLens('lint', example, '--max-depth', 'x').status, 2);
    assert.equal(promiseLens('lint', example, '--format', 'xml').status, 2);
    assert.equal(promiseLens('lint', join(dir, 'missing.js')).status, 2);
    assert.equal(promiseLens('fix', example, '--style', 'callbacks').status, 2);
    assert.equal(promiseLens('fix').status, 2);
    // Options are read by node:util's parser, as `trace` reads its own: a message and the help.
    const unknown = promiseLens('lint', example, '--bogus');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^promise-lens lint: Unknown option '--bogus'[^]*Usage: promise-lens lint/);
    const missing = promiseLens('fix', example, '--style');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--style <value>' argument missing/);
    assert.equal(promiseLens('lint', '--max-depth=4', example).status, 1, '--name=value is taken too');
  });

  it('fix prints the rewrite and exits 0; --write writes it; nothing fixable exits 1 with the reason on stderr', () => {
    const r = promiseLens('fix', example);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /new Promise\(\(resolve\) => createOrder\(cart, resolve\)\)/);
    const copy = join(dir, 'pyramid.js');
    writeFileSync(copy, readFileSync(example));
    assert.equal(promiseLens('fix', copy, '--style', 'async', '--write').status, 0);
    assert.match(readFileSync(copy, 'utf8'), /void \(async \(\) => \{/);
    assert.equal(promiseLens('fix', copy).status, 1, 'a fixed file has nothing left to fix');
    const declined = promiseLens('fix', join(golden, 'callee-twice-middle/input.js'));
    assert.equal(declined.status, 1);
    assert.match(
      declined.stderr,
      /callee-twice-middle\/input\.js:15: callback-hell not fixed: progress calls its callback inside setInterval/,
    );
  });

  it('fix --write changes no byte outside the rewritten range, invalid UTF-8 included; stdout is the same bytes', () => {
    const pyramid = readFileSync(example);
    const before = Buffer.concat([
      Buffer.from('// caf\xe9 in Latin-1: '),
      Buffer.from([0xe9, 0xff, 0xc3]),
      Buffer.from("\nconst s = '"),
      Buffer.from([0x80, 0xed, 0xa0, 0x80]),
      Buffer.from("';\n"),
    ]);
    const after = Buffer.from('\n// tail \u00e9 ok, then a lone byte: ');
    const copy = join(dir, 'bytes.js');
    writeFileSync(copy, Buffer.concat([before, pyramid, after, Buffer.from([0xfe, 0x0a])]));
    const printed = spawnSync(process.execPath, [cli, 'fix', copy], { timeout: 30_000 });
    assert.equal(printed.status, 0, String(printed.stderr));
    assert.equal(promiseLens('fix', copy, '--write').status, 0);
    const written = readFileSync(copy);
    assert.deepEqual(written, printed.stdout, 'fix prints what --write writes');
    assert.deepEqual(written.subarray(0, before.length), before, 'the bytes before the site are kept');
    assert.deepEqual(
      written.subarray(written.length - after.length - 2),
      Buffer.concat([after, Buffer.from([0xfe, 0x0a])]),
      'the bytes after it too',
    );
    assert.match(written.toString('latin1'), /new Promise\(\(resolve\) => createOrder\(cart, resolve\)\)/);
  });

  it('fix leaves a file that does not parse alone (an extra }} anywhere), exit 1 with the reason', () => {
    const copy = join(dir, 'braces.js');
    const text = `${readFileSync(example, 'utf8')}\n}}\n`;
    writeFileSync(copy, text);
    const r = promiseLens('fix', copy, '--write');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /callback-hell not fixed: the file does not parse \(line \d+\)/);
    assert.equal(readFileSync(copy, 'utf8'), text);
  });
  for (const command of ['fix', 'lint']) {
    it(`${command} stops writing without an error when its reader goes away (| head)`, async () => {
      const level = (n: number, body: string): string =>
        `step${n}(function (err, v${n}) {\n if (err) return cb(err);\n ${body}\n});`;
      let text = '';
      for (let i = 0; i < 300; i++)
        text += `function f${i}(cb) {\n${level(1, level(2, level(3, level(4, 'cb(null, v4);'))))}\n}\n`;
      const file = join(dir, `many-${command}.js`);
      writeFileSync(file, text);
      const child = spawn(process.execPath, [cli, command, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.doesNotMatch(stderr, /EPIPE|Error/);
      assert.equal(code, command === 'lint' ? 1 : 0, stderr);
    });
  }
});
