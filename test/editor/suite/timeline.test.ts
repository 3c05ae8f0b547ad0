import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Trace } from '../../../src/core/trace/model';
import { layoutTrace } from '../../../src/core/timeline/layout';
import { activateExtension, openFile, trace, waitFor, workspaceFile, workspaceRoot } from '../helpers';
import type { TimelineProbe } from '../../../src/host/timeline/timeline';

const probe = () => vscode.commands.executeCommand<TimelineProbe | undefined>('promiseLens.timeline.probe');

/** The timeline tabs open in the window, whatever their group. */
const timelineTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('promiseLens.timeline'),
    );

/** Puts a console line at the top of a workspace file and saves it; resolves with what the save event saw. */
async function addLineAndSave<T>(relativePath: string, text: string, onSaved: () => Thenable<T>): Promise<T> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), `console.log(${JSON.stringify(text)});\n`);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
  // Registered after the extension's own listener, so it runs after the extension has seen the save.
  const seen = new Promise<T>((resolve, reject) => {
    const listener = vscode.workspace.onDidSaveTextDocument((saved) => {
      if (saved.uri.toString() !== document.uri.toString()) return;
      listener.dispose();
      onSaved().then(resolve, reject);
    });
  });
  assert.ok(await document.save(), 'the file saved');
  return seen;
}

const showsLine = (text: string) => async () => {
  const p = await probe();
  return p?.snapshot.console.includes(text) ? p : undefined;
};

/** The trace the panel shows, read back through the JSON export, as a user would get it. */
async function exportedTrace(): Promise<Trace> {
  const out = vscode.Uri.joinPath(workspaceRoot(), 'timeline-test.trace.json');
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('promiseLens.exportTrace', 'json', out);
  assert.ok(written, 'the JSON export wrote a file');
  return JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(out)).toString('utf8')) as Trace;
}

describe('timeline panel while a trace runs', function () {
  this.timeout(150_000);

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens when the run starts, and shows the trace in the same panel when it ends', async () => {
    const file = 'timeline-slow-start.js';
    const source = "setTimeout(() => console.log('after a while'), 1500);\n";
    await vscode.workspace.fs.writeFile(workspaceFile(file), Buffer.from(source, 'utf8'));
    await openFile(file);
    let ended = false;
    const run = trace(file).finally(() => (ended = true));
    const early = await waitFor('the panel during the run', async () => {
      const p = await probe().then(undefined, () => undefined);
      return p && !ended ? p : undefined;
    });
    assert.strictEqual(early.file, workspaceFile(file).fsPath);
    assert.strictEqual(early.snapshot.steps, 0, 'nothing to show before the trace');
    const result = await run;
    assert.strictEqual(result?.ran, true);
    const shown = await waitFor('the trace in the panel', async () => {
      const p = await probe().then(undefined, () => undefined);
      return p && p.snapshot.console.includes('after a while') ? p : undefined;
    });
    assert.strictEqual(shown.panel, early.panel, 'the panel opened at the start shows the trace');
  });

  it('closes the panel it opened when the run makes no trace', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('promiseLens');
    await config.update('nodePath', '/no/such/node', vscode.ConfigurationTarget.Global);
    try {
      const result = await trace('microtasks-before-timers.js');
      assert.strictEqual(result?.reason, 'cannot-trace');
      await waitFor('no timeline tab', () => timelineTabs().length === 0, 10_000);
    } finally {
      await config.update('nodePath', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('timeline panel', function () {
  this.timeout(150_000);
  const file = 'cart-order-payment.js';

  before(async () => {
    await activateExtension();
    await openFile(file);
    const result = await trace(file);
    assert.strictEqual(result?.ran, true, `the trace ran: ${JSON.stringify(result)}`);
  });

  it('opens beside the editor for the trace, showing lanes, promise states and console lines', async () => {
    const shown = await waitFor(
      'the timeline to show the trace',
      async () => {
        const p = await probe().then(undefined, () => undefined);
        return p && p.snapshot.steps > 0 ? p : undefined;
      },
      120_000,
    );
    assert.strictEqual(shown.file, workspaceFile(file).fsPath);
    assert.strictEqual(shown.visible, true);
    assert.deepStrictEqual(shown.snapshot.lanes.slice(0, 6), [
      'script',
      'nextTick',
      'microtasks',
      'timers',
      'immediates',
      'I/O',
    ]);
    const states = shown.snapshot.promises.join('\n');
    assert.match(states, /fulfilled at the end/, states);
    assert.match(states, /rejected at the end/, states);
    const lines = shown.snapshot.console.join('\n');
    for (const expected of ['order created ORD-1', 'checkout finished', 'second cart: cart is empty'])
      assert.ok(lines.includes(expected), lines);
  });

  it("highlights the running job's line in the editor as it steps", async () => {
    const t = await exportedTrace();
    const layout = layoutTrace(t);
    const source = workspaceFile(file).fsPath;
    const jobs = t.jobs
      .map((job, i) => ({ job, step: layout.jobStart[i] }))
      .filter(({ job }) => job.location?.file === source && job.task !== 'script');
    const lines = [...new Set(jobs.map(({ job }) => job.location?.line))];
    assert.ok(lines.length >= 2, `jobs with user locations on two lines at least: ${JSON.stringify(lines)}`);
    const first = jobs.find(({ job }) => job.location?.line === lines[0]);
    const second = jobs.find(({ job }) => job.location?.line === lines[1]);
    assert.ok(first && second);
    for (const target of [first, second]) {
      // The command counts the whole trace's events; the page, showing no internals, shows fewer steps.
      await vscode.commands.executeCommand('promiseLens.timeline.step', target.job.startedAt);
      const seen = await waitFor(`line ${target.job.location?.line} highlighted`, async () => {
        const p = await probe();
        return p?.highlighted?.line === target.job.location?.line ? p : undefined;
      });
      assert.strictEqual(seen.highlighted?.file, source);
      assert.strictEqual(seen.snapshot.step, target.step);
      assert.match(seen.snapshot.currentJob, new RegExp(`#${target.job.id}\\b`));
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === source);
    assert.ok(editor, 'the traced file is visible beside the timeline');
  });

  it('highlights the console.log that printed a line at its step, and that line while its job goes on', async () => {
    const t = await exportedTrace();
    const printed = t.events.find((e) => e.type === 'console' && e.text.startsWith('payment done for'));
    assert.ok(
      printed?.type === 'console' && printed.location,
      `the line has the place of its console.log: ${JSON.stringify(printed)}`,
    );
    const document = await vscode.workspace.openTextDocument(workspaceFile(file));
    const logLine =
      document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes("console.log('payment done for'")) + 1;
    assert.strictEqual(printed.location.line, logLine);
    await vscode.commands.executeCommand('promiseLens.timeline.step', printed.seq);
    const seen = await waitFor(`line ${logLine} highlighted`, async () => {
      const p = await probe();
      return p?.highlighted?.line === logLine ? p : undefined;
    });
    assert.match(seen.highlighted?.label ?? '', new RegExp(`^step ${seen.snapshot.step + 1}: prints$`));
    // The next step of the same job (its promise settling) is still on that line, not back at the job's start.
    const next = t.events.find((e) => e.seq > printed.seq && e.type === 'settle');
    assert.ok(next);
    await vscode.commands.executeCommand('promiseLens.timeline.step', next.seq);
    const after = await waitFor('the next step highlighted', async () => {
      const p = await probe();
      return p && p.snapshot.step > seen.snapshot.step ? p : undefined;
    });
    assert.strictEqual(after.highlighted?.line, logLine, JSON.stringify(after.highlighted));
  });

  it('a .catch skipped on a fulfilled chain highlights no handler and says it was skipped', async () => {
    const t = await exportedTrace();
    const document = await vscode.workspace.openTextDocument(workspaceFile(file));
    const catchLine =
      document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes(".catch((error) => console.error('checkout failed:'")) + 1;
    const skipped = t.jobs.find(
      (j) => j.passThrough && t.promises.find((p) => p.id === j.promise)?.location?.line === catchLine,
    );
    assert.ok(
      skipped,
      `the .catch of line ${catchLine} is a passThrough job: ${JSON.stringify(t.jobs.filter((j) => j.task === 'microtask'))}`,
    );
    assert.strictEqual(skipped.location, null);
    // A job with a line first, so that the highlight has something to clear.
    const before = t.jobs.find(
      (j) =>
        j.location?.file === workspaceFile(file).fsPath && j.startedAt < skipped.startedAt && j.task === 'microtask',
    );
    assert.ok(before);
    await vscode.commands.executeCommand('promiseLens.timeline.step', before.startedAt);
    await waitFor('a line highlighted', async () => ((await probe())?.highlighted ? true : undefined));
    await vscode.commands.executeCommand('promiseLens.timeline.step', skipped.startedAt);
    const seen = await waitFor('the skipped job shown with nothing highlighted', async () => {
      const p = await probe();
      return p && p.snapshot.currentJob.includes(`#${skipped.id}`) && p.highlighted === undefined ? p : undefined;
    });
    assert.match(seen.snapshot.currentJob, /skipped/, seen.snapshot.currentJob);
    assert.doesNotMatch(seen.snapshot.currentJob, /Running/, seen.snapshot.currentJob);
  });

  it('the hover names the step that Show in Timeline moves the panel to', async () => {
    const uri = workspaceFile(file);
    const document = await vscode.workspace.openTextDocument(uri);
    const lineIndex = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('.finally('));
    const position = new vscode.Position(lineIndex, document.lineAt(lineIndex).text.indexOf('finally') + 1);
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const step = /Settled at step (\d+)/.exec(text)?.[1];
    const id = /\[promise \\#(\d+)\]/.exec(text)?.[1];
    assert.ok(step && id, `the hover names a step and a promise: ${text}`);
    // What the hover's "Show in timeline" link runs.
    await vscode.commands.executeCommand('promiseLens.showInTimeline', { file: uri.fsPath, promise: Number(id) });
    const seen = await waitFor(`promise #${id} selected at step ${step}`, async () => {
      const p = await probe();
      return p?.snapshot.selected.includes(`#${id} `) && p.snapshot.stepText.startsWith(`${step} /`) ? p : undefined;
    });
    assert.match(seen.snapshot.selected, new RegExp(`Settledstep ${step}(?!\\d)`), seen.snapshot.selected);
  });

  it('selects a promise from the editor through promiseLens.revealInTimeline', async () => {
    const t = await exportedTrace();
    const rejected = t.promises.find((p) => p.state === 'rejected' && !p.internal);
    assert.ok(rejected, 'the cart example has a rejected promise');
    const ok = await vscode.commands.executeCommand<boolean>('promiseLens.revealInTimeline', {
      file: workspaceFile(file).fsPath,
      promise: rejected.id,
    });
    assert.strictEqual(ok, true);
    const seen = await waitFor('the promise selected', async () => {
      const p = await probe();
      return p?.snapshot.selected.includes(`#${rejected.id} `) ? p : undefined;
    });
    assert.match(seen.snapshot.selected, /Final staterejected/);
    assert.match(seen.snapshot.selected, /Reject reactions/);
  });

  it('ignores malformed reveal arguments', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('promiseLens.revealInTimeline', { file: 42 }), false);
    assert.strictEqual(await vscode.commands.executeCommand('promiseLens.revealInTimeline', undefined), false);
  });

  it('"Trace again" runs the edited file and updates the same panel in place', async () => {
    const before = await probe();
    assert.ok(before, 'the timeline is open');
    assert.strictEqual(timelineTabs().length, 1);
    const line = 'traced again 1';
    // Off by default: the save alone traces nothing.
    const atSave = await addLineAndSave(file, line, probe);
    assert.strictEqual(
      atSave?.tracing,
      false,
      'no trace started on save while promiseLens.timeline.traceOnSave is off',
    );
    assert.ok(!atSave.snapshot.console.includes(line));
    // What the page's "Trace again" button posts, handled by the same code.
    await vscode.commands.executeCommand('promiseLens.timeline.traceAgain');
    const after = await waitFor(`the console line "${line}" in the timeline`, showsLine(line));
    assert.strictEqual(after.panel, before.panel, 'the same panel, not a new one');
    assert.strictEqual(after.file, workspaceFile(file).fsPath);
    assert.strictEqual(after.tracing, false);
    assert.strictEqual(timelineTabs().length, 1, 'one timeline tab');
    for (const expected of ['order created ORD-1', 'checkout finished'])
      assert.ok(after.snapshot.console.includes(expected), after.snapshot.console.join('\n'));
  });

  it('traces again on save with promiseLens.timeline.traceOnSave, and not once it is off again', async () => {
    const settings = vscode.workspace.getConfiguration('promiseLens', workspaceFile(file));
    const before = await probe();
    assert.ok(before, 'the timeline is open');
    await settings.update('timeline.traceOnSave', true, vscode.ConfigurationTarget.Workspace);
    try {
      const line = 'traced on save';
      const atSave = await addLineAndSave(file, line, probe);
      assert.strictEqual(atSave?.tracing, true, 'the save started a trace');
      const after = await waitFor(`the console line "${line}" in the timeline`, showsLine(line));
      assert.strictEqual(after.panel, before.panel, 'the same panel, not a new one');
      assert.strictEqual(timelineTabs().length, 1, 'one timeline tab');
      await waitFor('the trace on save to finish', async () => (await probe())?.tracing === false);
    } finally {
      await settings.update('timeline.traceOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const line = 'saved with traceOnSave off';
    const atSave = await addLineAndSave(file, line, probe);
    assert.strictEqual(atSave?.tracing, false, 'no trace started once the setting is off');
    assert.ok(!atSave.snapshot.console.includes(line));
  });

  it('exports a standalone HTML page of the same timeline', async () => {
    const out = vscode.Uri.joinPath(workspaceRoot(), 'timeline-test.html');
    await vscode.commands.executeCommand('promiseLens.exportTrace', 'html', out);
    const html = Buffer.from(await vscode.workspace.fs.readFile(out)).toString('utf8');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /<script type="application\/json" id="trace-data">/);
    assert.ok(html.includes('order created'), 'the trace is embedded');
  });
});
