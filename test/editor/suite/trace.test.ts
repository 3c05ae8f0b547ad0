import * as assert from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TraceCommandResult } from '../../../src/host/tracing/traceCommand';
import type { Trace } from '../../../src/core/trace/model';
import { activateExtension, captureMessages, trace, waitFor, workspaceFile } from '../helpers';

/** Runs "Trace promises" on the active editor, as the context menu does without a file argument. */
async function traceActive(): Promise<TraceCommandResult | undefined> {
  return vscode.commands.executeCommand<TraceCommandResult | undefined>('promiseLens.trace');
}

const lines = (result: TraceCommandResult | undefined) => result?.console?.map((line) => line.text);

describe('Trace promises', function () {
  this.timeout(60_000);
  let messages: ReturnType<typeof captureMessages> | undefined;
  beforeEach(async () => {
    await activateExtension();
    messages = captureMessages();
  });
  afterEach(() => messages?.restore());

  it('traces microtasks-before-timers.js: the console lines in order, each with the job that printed it', async () => {
    const result = await trace('microtasks-before-timers.js');
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    assert.strictEqual(result.exit?.reason, 'completed');
    assert.strictEqual(result.exitCode, 0);
    assert.deepStrictEqual(
      result.console?.map((line) => [line.text, line.task]),
      [
        ['1: script start', 'script'],
        ['2: script end', 'script'],
        ['3: nextTick', 'nextTick'],
        ['4: microtask', 'microtask'],
        ['5: microtask queued by a microtask', 'microtask'],
        ['6: timeout', 'timer'],
        ['7: immediate', 'immediate'],
      ],
    );
    const jobs = result.jobsByTask!;
    assert.deepStrictEqual([jobs.script, jobs.nextTick, jobs.microtask, jobs.timer, jobs.immediate], [1, 1, 2, 1, 1]);
    assert.ok((result.promises ?? 0) >= 2, `promises: ${result.promises}`);
    assert.match(
      result.summary ?? '',
      /^\d+ promises.*, \d+ jobs \(1 script, 1 nextTick, 2 microtask, 1 timer, 1 immediate\).*completed, exit code 0/,
    );
    const info = messages!.shown.find((shown) => shown.kind === 'showInformationMessage');
    assert.match(
      info?.message ?? '',
      /traced microtasks-before-timers\.js: \d+ promises · \d+ jobs · \d+ steps; completed, exit code 0\./,
    );
  });

  for (const [name, source] of [
    ['broken.js', "console.log('never');\nconst x = ;\n"],
    ['broken.ts', 'const a: number = 1;\nconst x = ;\n'],
  ]) {
    it(`shows the syntax error of ${name} where it is, as a diagnostic: the program did not run`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'promise-lens-syntax-'));
      try {
        const uri = vscode.Uri.file(join(dir, name));
        writeFileSync(uri.fsPath, source);
        const result = await vscode.commands.executeCommand<TraceCommandResult | undefined>('promiseLens.trace', uri);
        assert.strictEqual(result?.exit?.reason, 'crashed', JSON.stringify(result));
        assert.deepStrictEqual(result.exit.syntaxError, { file: uri.fsPath, line: 2, column: 11 });
        // Node's report (the source line, the caret, its stack) is not the program's output.
        assert.deepStrictEqual(result.console, []);
        const shown = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Promise Lens');
        assert.strictEqual(shown.length, 1);
        assert.deepStrictEqual([shown[0].range.start.line, shown[0].range.start.character], [1, 10]);
        assert.match(shown[0].message, /SyntaxError: .*the program did not run/);
        // The next trace of a program that parses takes it away.
        writeFileSync(uri.fsPath, "console.log('fixed');\n");
        await vscode.commands.executeCommand('promiseLens.trace', uri);
        assert.deepStrictEqual(
          vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Promise Lens'),
          [],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('says when the program read stdin and got end-of-file, and where it took it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promise-lens-stdin-'));
    try {
      const uri = vscode.Uri.file(join(dir, 'ask.js'));
      writeFileSync(
        uri.fsPath,
        "console.log('name?');\nprocess.stdin.on('data', (d) => console.log('hi', String(d))).on('end', () => console.log('no input'));\n",
      );
      const result = await vscode.commands.executeCommand<TraceCommandResult | undefined>('promiseLens.trace', uri);
      assert.deepStrictEqual(lines(result), ['name?', 'no input']);
      assert.deepStrictEqual(result?.stdinEof, { at: { file: uri.fsPath, line: 2, column: 9 } });
      const warning = messages!.shown.find((shown) => shown.kind === 'showWarningMessage');
      assert.match(
        warning?.message ?? '',
        /ask\.js: it read stdin \(at .*ask\.js:2:9\) and got end-of-file: a traced program gets no input/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the timeline and the summary to the "Promise Lens" output channel', async function () {
    // The extension host writes each output channel to a log file that the Output view shows; on
    // Linux the test finds it among the host's open files.
    if (!existsSync('/proc/self/fd')) this.skip();
    const result = await trace('microtasks-before-timers.js');
    assert.ok(result?.summary);
    const channelFile = () =>
      readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        })
        .find((path) => path.endsWith('-Promise Lens.log'));
    const text = await waitFor('the Promise Lens output channel to show the summary', () => {
      const file = channelFile();
      const content = file ? readFileSync(file, 'utf8') : '';
      return content.includes(`Summary: ${result.summary}`) && content;
    });
    assert.match(text, /=== microtasks-before-timers\.js/);
    assert.match(text, /▶ nextTick #\d+ process\.nextTick/);
    assert.match(text, /\| 5: microtask queued by a microtask/);
  });

  it('puts the trace in the store the timeline and hover read', async () => {
    const result = await trace('microtasks-before-timers.js');
    // The timeline panel opens on the store's change; its export writes the trace it was given.
    const out = workspaceFile('stored.trace.json');
    await waitFor(
      'the exported trace',
      async () => (await vscode.commands.executeCommand('promiseLens.exportTrace', 'json', out)) !== undefined,
    );
    const stored = JSON.parse(readFileSync(out.fsPath, 'utf8')) as Trace;
    assert.strictEqual(stored.file, result?.file);
    assert.strictEqual(stored.file, workspaceFile('microtasks-before-timers.js').fsPath);
    assert.deepStrictEqual(
      stored.events.flatMap((e) => (e.type === 'console' ? [e.text] : [])),
      lines(result),
    );
  });

  it('traces TypeScript through the loader', async () => {
    const result = await trace('async-await.ts');
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    assert.strictEqual(result.exit?.reason, 'completed', JSON.stringify(result.exit));
    assert.deepStrictEqual(lines(result), ['loaded user-1', 'loaded together user-2 user-3', 'caught no user 4']);
  });

  it('traces an unsaved editor from its current text', async () => {
    const uri = workspaceFile('unsaved.js');
    await vscode.workspace.fs.writeFile(uri, Buffer.from("console.log('saved text');\n"));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(0, 0, 1, 0), "console.log('unsaved text', require('./price.js'));\n"),
    );
    await vscode.workspace.fs.writeFile(workspaceFile('price.js'), Buffer.from('module.exports = 7;\n'));
    assert.strictEqual(editor.document.isDirty, true);
    const result = await traceActive();
    assert.deepStrictEqual(lines(result), ['unsaved text 7']);
    assert.strictEqual(result?.file, uri.fsPath);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('traces an untitled editor, naming the trace after it', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'javascript',
      content: "const value = await Promise.resolve('top-level await');\nconsole.log(value);\n",
    });
    await vscode.window.showTextDocument(document);
    const result = await traceActive();
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    assert.deepStrictEqual(lines(result), ['top-level await']);
    assert.strictEqual(result.file, document.uri.fsPath);
  });

  it('stops an endless loop at promiseLens.trace.timeout and says so', async () => {
    const config = vscode.workspace.getConfiguration('promiseLens');
    await config.update('trace.timeout', 1500, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.workspace.fs.writeFile(workspaceFile('spin.js'), Buffer.from('while (true) {}\n'));
      const started = Date.now();
      const result = await trace('spin.js');
      assert.strictEqual(result?.exit?.reason, 'timeout', JSON.stringify(result));
      assert.ok(Date.now() - started < 25_000, `stopped after ${Date.now() - started} ms`);
      const warning = messages!.shown.find((shown) => shown.kind === 'showWarningMessage');
      assert.match(warning?.message ?? '', /spin\.js: timeout, killed by SIGKILL: Stopped after 1\.5 s/);
    } finally {
      await config.update('trace.timeout', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('says clearly when the Node in promiseLens.nodePath does not exist, and runs nothing', async () => {
    const config = vscode.workspace.getConfiguration('promiseLens');
    await config.update('nodePath', '/no/such/node', vscode.ConfigurationTarget.Global);
    try {
      const result = await trace('microtasks-before-timers.js');
      assert.strictEqual(result?.ran, false);
      assert.strictEqual(result.reason, 'cannot-trace');
      assert.match(result.message ?? '', /'\/no\/such\/node', is not an executable file/);
      const error = messages!.shown.find((shown) => shown.kind === 'showErrorMessage');
      assert.match(error?.message ?? '', /cannot trace microtasks-before-timers\.js/);
    } finally {
      await config.update('nodePath', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
