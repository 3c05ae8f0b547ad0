import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PredictSnapshotMessage } from '../../../src/core/predict/protocol';
import type { PredictCommandResult } from '../../../src/host/predict/predict';
import { activateExtension, captureMessages, waitFor, workspaceFile } from '../helpers';

const predict = (relativePath: string) =>
  vscode.commands.executeCommand<PredictCommandResult | undefined>(
    'promiseLens.predictOrder',
    workspaceFile(relativePath),
  );
const probe = () =>
  vscode.commands.executeCommand<PredictSnapshotMessage | undefined>('promiseLens.predict.probe').then(
    (snapshot) => snapshot,
    () => undefined,
  );
const arrange = (order: number[], reveal: boolean) =>
  vscode.commands.executeCommand<PredictSnapshotMessage | undefined>('promiseLens.predict.arrange', order, reveal);

/** Waits for the page to show the puzzle of `lines` (its texts, in any order). */
const showing = (lines: string[]) =>
  waitFor(
    'the predict page to show the lines',
    async () => {
      const snapshot = await probe();
      return snapshot && [...snapshot.lines].sort().join('\n') === [...lines].sort().join('\n') ? snapshot : undefined;
    },
    120_000,
  );

async function writeProgram(name: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceFile(name), Buffer.from(text, 'utf8'));
}

describe('Predict the Order', function () {
  this.timeout(180_000);
  let messages: ReturnType<typeof captureMessages> | undefined;
  beforeEach(async () => {
    await activateExtension();
    messages = captureMessages();
  });
  afterEach(() => messages?.restore());

  const printed = [
    'script starts',
    'script ends',
    'nextTick',
    'first then',
    'queueMicrotask',
    'after await',
    'second then',
    'timeout 0 ms',
    'then inside the timer',
    'timeout 10 ms',
  ];

  it('shows the lines shuffled without opening the timeline, marks a wrong order wrong and the right order right', async () => {
    const file = 'predict-order.js';
    const result = await predict(file);
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    assert.strictEqual(result.state, 'ready');
    assert.deepStrictEqual(result.lines, printed);

    const shown = await showing(printed);
    assert.strictEqual(shown.state, 'ready');
    assert.strictEqual(shown.revealed, false);
    assert.notDeepStrictEqual(shown.lines, printed, 'the page never starts in the printed order');
    // The console stays hidden: no timeline tab shows this file (a hidden timeline's page cannot be probed).
    const timelines = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('promiseLens.timeline'),
      );
    assert.ok(
      timelines.every((tab) => tab.label !== `Timeline: ${file}`),
      `timeline tabs: ${timelines.map((tab) => tab.label).join(', ')}`,
    );

    // "then inside the timer" and "first then" swapped: both wrong, the rest right.
    const wrong = await arrange([0, 1, 2, 8, 4, 5, 6, 7, 3, 9], true);
    assert.ok(wrong, 'the page answered');
    assert.strictEqual(wrong.revealed, true);
    assert.deepStrictEqual(wrong.marks, [
      'right',
      'right',
      'right',
      'wrong',
      'right',
      'right',
      'right',
      'right',
      'wrong',
      'right',
    ]);
    assert.strictEqual(wrong.summary, '8 of 10 lines are in the right place.');

    const right = await arrange(
      printed.map((_, i) => i),
      true,
    );
    assert.deepStrictEqual(right?.lines, printed);
    assert.deepStrictEqual(
      right?.marks,
      printed.map(() => 'right'),
    );
    assert.strictEqual(right?.summary, 'All 10 lines are in the order they printed.');

    // Arranged again without revealing: the marks are gone until the next reveal.
    const again = await arrange([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], false);
    assert.strictEqual(again?.revealed, false);
    assert.deepStrictEqual(again?.marks, []);
  });

  it('counts a 0 ms timer and an immediate from the main module right in either order, and says why', async () => {
    const result = await predict('microtasks-before-timers.js');
    assert.strictEqual(result?.state, 'ready');
    const lines = result.lines ?? [];
    assert.deepStrictEqual(lines.slice(5), ['6: timeout', '7: immediate']);
    await showing(lines);
    const swapped = await arrange([0, 1, 2, 3, 4, 6, 5], true);
    assert.deepStrictEqual(swapped?.marks, ['right', 'right', 'right', 'right', 'right', 'unordered', 'unordered']);
    assert.strictEqual(
      swapped?.summary,
      'All 7 lines are in an order Node allows: the lines marked ≈ ran in an order Node does not promise, and this run printed them in another order.',
    );
    const wrong = await arrange([0, 2, 1, 3, 4, 6, 5], true);
    assert.deepStrictEqual(wrong?.marks, ['right', 'wrong', 'wrong', 'right', 'right', 'unordered', 'unordered']);
    assert.match(wrong?.summary ?? '', /^5 of 7 lines are in the right place\. Of these, the lines marked ≈/);
  });

  it('says there is nothing to order for a program of one line', async () => {
    await writeProgram('predict-one-line.js', "setTimeout(() => console.log('only line'), 0);\n");
    const result = await predict('predict-one-line.js');
    assert.strictEqual(result?.state, 'nothing-to-order');
    const snapshot = await waitFor('the page to say so', async () => {
      const s = await probe();
      return s?.state === 'nothing-to-order' ? s : undefined;
    });
    assert.strictEqual(snapshot.summary, 'The program printed one console line: there is nothing to order.');
  });

  it('says a program that does not parse did not run', async () => {
    await writeProgram('predict-broken.js', "console.log('a');\nconsole.log('b';\n");
    const result = await predict('predict-broken.js');
    assert.strictEqual(result?.state, 'did-not-run');
    const snapshot = await waitFor('the page to say so', async () => {
      const s = await probe();
      return s?.state === 'did-not-run' ? s : undefined;
    });
    assert.match(snapshot.summary, /^The program did not run: /);
    assert.deepStrictEqual(snapshot.lines, []);
  });
});
