// The hover and the end-of-line notes in a real VS Code, on real traces of the examples.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LineNote } from '../../../src/core/hover/lines';
import type { ShowInTimelineResult } from '../../../src/host/hover/commands';
import { activateExtension, captureMessages, openFile, trace, workspaceFile } from '../helpers';

/** The text of the Promise Lens hovers at a position (other extensions may hover there too). */
async function hoverAt(uri: vscode.Uri, line1: number, needle: string, nth = 0): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = positionOf(document, line1, needle, nth);
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  return texts.filter((t) => /promise \\#\d+|\*\*In the timeline:\*\*/.test(t)).join('\n---\n');
}

function positionOf(document: vscode.TextDocument, line1: number, needle: string, nth = 0): vscode.Position {
  const text = document.lineAt(line1 - 1).text;
  let column = -1;
  for (let i = 0; i <= nth; i++) column = text.indexOf(needle, column + 1);
  assert.ok(column >= 0, `"${needle}" is on line ${line1}: ${text}`);
  return new vscode.Position(line1 - 1, column + 1);
}

async function notesOf(uri: vscode.Uri): Promise<LineNote[]> {
  return (await vscode.commands.executeCommand<LineNote[]>('promiseLens.inlineStateOf', uri)) ?? [];
}

const noteAt = (notes: LineNote[], line1: number) => notes.find((n) => n.line === line1 - 1);

describe('hover', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
  });

  it('shows the state and value of the promises an expression created', async () => {
    await openFile('cart-order-payment.js');
    const result = await trace('cart-order-payment.js');
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    const uri = workspaceFile('cart-order-payment.js');

    const then = await hoverAt(uri, 23, 'then');
    assert.match(then, /✔ \*\*fulfilled\*\* · `\.then`/, then);
    assert.match(then, /ORD-1/, then);
    assert.match(then, /\*\*Parent:\*\*/, then);

    // createOrder([]) rejects: its call names the promise `new Promise` made inside createOrder.
    const empty = await hoverAt(uri, 31, 'createOrder');
    assert.match(empty, /✗ \*\*rejected\*\*/, empty);
    assert.match(empty, /\*\*Reason:\*\* `Error/, empty);
    // Its reaction is the `.catch` on line 31, linked to the handler written there.
    assert.match(empty, /on reject \[line 31\]\([^)]*L31[^)]*\) → \[\\#\d+\]/, empty);
    assert.match(empty, /\*\*Children:\*\* \[\\#\d+ \\\.catch\]\([^)]*\) ✔ fulfilled at \[line 31\]/, empty);

    // The `new Promise` in createOrder ran twice: a summary.
    const site = await hoverAt(uri, 5, 'Promise');
    assert.match(site, /created 2×: 1 fulfilled, 1 rejected/, site);
  });

  it('stays silent over code that created no promise', async () => {
    const uri = workspaceFile('cart-order-payment.js');
    assert.strictEqual(await hoverAt(uri, 24, 'console'), '');
    assert.strictEqual(await hoverAt(uri, 20, 'cart'), '');
    assert.strictEqual(await hoverAt(uri, 16, 'payment done'), '');
  });

  it('hovers TypeScript through source maps: async calls, awaits and Promise.reject', async () => {
    await openFile('async-await.ts');
    const result = await trace('async-await.ts');
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    const uri = workspaceFile('async-await.ts');
    const first = await hoverAt(uri, 16, 'loadUser');
    assert.match(first, /fulfilled/, first);
    assert.match(first, /user-1/, first);
    const third = await hoverAt(uri, 18, 'loadUser', 1);
    assert.match(third, /user-3/, third);
    const reject = await hoverAt(uri, 21, 'reject');
    assert.match(reject, /✗ \*\*rejected\*\*/, reject);
    assert.match(reject, /\*\*Reason:\*\* `Error/, reject);
    // The await on that line shows what it waited for, not V8's throwaway promise.
    const awaited = await hoverAt(uri, 21, 'await');
    assert.match(awaited, /✗ \*\*rejected\*\* · `await` waited for/, awaited);
  });

  it('shows end-of-line state, moves it with edits, marks edited lines stale', async () => {
    const editor = await openFile('cart-order-payment.js');
    const original = editor.document.getText();
    await trace('cart-order-payment.js');
    const uri = editor.document.uri;
    const before = await notesOf(uri);
    assert.match(noteAt(before, 23)?.text ?? '', /^→ fulfilled /, JSON.stringify(before));
    assert.match(noteAt(before, 31)?.text ?? '', /^→ fulfilled/, JSON.stringify(before));
    assert.match(noteAt(before, 5)?.text ?? '', /^✗ 2×: 1 fulfilled, 1 rejected/, JSON.stringify(before));

    // Two comment lines above: every note moves down by two, none is stale.
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// one\n// two\n')));
    const moved = await notesOf(uri);
    assert.strictEqual(noteAt(moved, 25)?.text, noteAt(before, 23)?.text, JSON.stringify(moved));
    assert.ok(
      moved.every((n) => !n.stale),
      JSON.stringify(moved),
    );

    // The hover follows too.
    const then = await hoverAt(uri, 25, 'then');
    assert.match(then, /fulfilled/, then);

    // Editing the `.catch` line (now 30) makes its note stale; the others keep theirs.
    const catchLine = 30 - 1;
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(catchLine, 2), ' ')));
    const edited = await notesOf(uri);
    assert.strictEqual(noteAt(edited, 30)?.stale, true, JSON.stringify(edited));
    assert.strictEqual(noteAt(edited, 25)?.stale, false, JSON.stringify(edited));

    // Clearing hides them; tracing again brings them back, fresh.
    await vscode.commands.executeCommand('promiseLens.clearInlineState');
    assert.deepStrictEqual(await notesOf(uri), []);
    // Unsaved text is what runs.
    await trace('cart-order-payment.js');
    const again = await notesOf(uri);
    assert.ok(again.length > 0 && again.every((n) => !n.stale), JSON.stringify(again));
    assert.match(noteAt(again, 25)?.text ?? '', /^→ fulfilled /, JSON.stringify(again));
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    assert.ok(await editor.edit((e) => e.replace(whole, original)));
    assert.ok(await editor.document.save());
  });

  it('turns the notes off with promiseLens.inlineState.enabled', async () => {
    const editor = await openFile('cart-order-payment.js');
    const config = vscode.workspace.getConfiguration('promiseLens.inlineState');
    await config.update('enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepStrictEqual(await notesOf(editor.document.uri), []);
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.ok((await notesOf(editor.document.uri)).length > 0);
  });

  it('hovers an untitled buffer', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'javascript',
      content: "Promise.resolve(41).then((v) => v + 1);\nPromise.reject(new Error('boom')).catch(() => 'handled');\n",
    });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<{ ran: boolean }>('promiseLens.trace');
    assert.strictEqual(result?.ran, true, JSON.stringify(result));
    const then = await hoverAt(document.uri, 1, 'then');
    assert.match(then, /fulfilled/, then);
    assert.match(then, /`42`/, then);
    const reject = await hoverAt(document.uri, 2, 'reject');
    assert.match(reject, /✗ \*\*rejected\*\* · `Promise\.reject`/, reject);
    assert.match(reject, /\[line 2\]\(untitled:/, reject);
    const notes = await notesOf(document.uri);
    assert.match(noteAt(notes, 1)?.text ?? '', /^→ fulfilled 42$/, JSON.stringify(notes));
    // An emptied untitled editor closes without asking to save.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, document.lineCount, 0)));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Show in Timeline reveals the promise at the cursor', async () => {
    const editor = await openFile('cart-order-payment.js');
    await trace('cart-order-payment.js');
    const position = positionOf(editor.document, 31, 'createOrder');
    editor.selection = new vscode.Selection(position, position);
    const messages = captureMessages();
    try {
      const result = await vscode.commands.executeCommand<ShowInTimelineResult>('promiseLens.showInTimeline');
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes('promiseLens.revealInTimeline')) {
        assert.strictEqual(result?.shown, true, JSON.stringify(result));
      } else {
        assert.strictEqual(result?.reason, 'no-timeline');
        assert.match(messages.shown[0]?.message ?? '', /timeline is not available/);
      }
      assert.ok(result?.target && result.target.file === editor.document.uri.fsPath, JSON.stringify(result));
    } finally {
      messages.restore();
    }
  });
});
