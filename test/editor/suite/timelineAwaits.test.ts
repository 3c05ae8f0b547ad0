import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Trace } from '../../../src/core/trace/model';
import { stepsOf } from '../../../src/core/trace/steps';
import type { TimelineProbe } from '../../../src/host/timeline/timeline';
import { activateExtension, openFile, trace, waitFor, workspaceFile, workspaceRoot } from '../helpers';

const probe = () => vscode.commands.executeCommand<TimelineProbe | undefined>('promiseLens.timeline.probe');

/**
 * examples/async-await.ts in the timeline panel: each `await`'s promises go with their async function's
 * row, so the rows are the promises the program made, as many as the completion message counts; an
 * await's promise shown from the editor selects its function's row, at the await's own step.
 */
describe('timeline: awaits with their async function', function () {
  this.timeout(150_000);
  const file = 'async-await.ts';
  let traced: Trace;

  before(async () => {
    await activateExtension();
    await openFile(file);
    const result = await trace(file);
    assert.strictEqual(result?.ran, true, `the trace ran: ${JSON.stringify(result)}`);
    assert.strictEqual(result.promises, 9, 'main(), three loadUser(), three delays, Promise.all, Promise.reject');
    assert.strictEqual(result.awaits, 6, "loadUser's await in each call, main's three");
    const out = vscode.Uri.joinPath(workspaceRoot(), 'awaits-test.trace.json');
    assert.ok(await vscode.commands.executeCommand('promiseLens.exportTrace', 'json', out));
    traced = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(out)).toString('utf8')) as Trace;
  });

  it('shows one row per promise the program made, as many as the message counts, none for an await', async () => {
    const shown = await waitFor('the timeline to show the trace', async () => {
      const p = await probe().then(undefined, () => undefined);
      return p && p.file === workspaceFile(file).fsPath && p.snapshot.promises.length > 0 ? p : undefined;
    });
    const rows = shown.snapshot.promises;
    assert.strictEqual(rows.length, 9, rows.join('\n'));
    assert.ok(
      rows.every((r) => !/^promise #\d+ await /.test(r)),
      rows.join('\n'),
    );
    const main = rows.find((r) => /^promise #\d+ async at async-await\.ts:27:/.test(r));
    assert.match(main ?? '', /, 3 awaits/, rows.join('\n'));
  });

  it("selects the async function's row for an await's promise, at the await's step, without Node's internals", async () => {
    const awaited = traced.promises.find((p) => p.kind === 'await' && p.location?.line === 21 && p.parent !== null);
    assert.ok(awaited?.awaitIn !== undefined, `the await on line 21 has its function: ${JSON.stringify(awaited)}`);
    const owner = traced.promises.find((p) => p.id === awaited.awaitIn);
    assert.strictEqual(owner?.location?.line, 27, 'main(), called on line 27');
    const ok = await vscode.commands.executeCommand<boolean>('promiseLens.revealInTimeline', {
      file: workspaceFile(file).fsPath,
      promise: awaited.id,
    });
    assert.strictEqual(ok, true);
    // The step the hover names for it: where it settled, counted with Node's internals hidden.
    const step = stepsOf(traced).numberOf(awaited.settledAt ?? awaited.createdAt);
    const seen = await waitFor(`main() selected at step ${step}`, async () => {
      const p = await probe();
      return p?.snapshot.selected.startsWith(`#${owner.id} async`) && p.snapshot.stepText.startsWith(`${step} /`)
        ? p
        : undefined;
    });
    assert.match(seen.snapshot.selected, /Awaits.*await at async-await\.ts:21 waited for #\d+ reject/);
    assert.strictEqual(seen.snapshot.promises.length, 9, 'Node internals not ticked');
  });
});
