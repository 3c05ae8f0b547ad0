import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Trace } from '../../../src/core/trace/model';
import { layoutTrace } from '../../../src/core/timeline/layout';
import { loopModelAt } from '../../../src/core/timeline/loopModel';
import { activateExtension, openFile, trace, waitFor, workspaceFile, workspaceRoot } from '../helpers';
import type { TimelineProbe } from '../../../src/host/timeline/timeline';

const probe = () => vscode.commands.executeCommand<TimelineProbe | undefined>('promiseLens.timeline.probe');

/** The trace the panel shows, read back through the JSON export, as a user would get it. */
async function exportedTrace(): Promise<Trace> {
  const out = vscode.Uri.joinPath(workspaceRoot(), 'loop-view-test.trace.json');
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('promiseLens.exportTrace', 'json', out);
  assert.ok(written, 'the JSON export wrote a file');
  return JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(out)).toString('utf8')) as Trace;
}

describe('event-loop view', function () {
  this.timeout(150_000);
  const file = 'microtasks-before-timers.js';
  let t: Trace;

  /** Steps the page to the event `seq` (of the whole trace) and returns what it shows once there. */
  async function at(seq: number): Promise<TimelineProbe> {
    const step = layoutTrace(t).stepOfSeq(seq);
    await vscode.commands.executeCommand('promiseLens.timeline.step', seq);
    return waitFor(`step ${step + 1}`, async () => {
      const p = await probe();
      return p?.snapshot.step === step && p.snapshot.view === 'loop' ? p : undefined;
    });
  }

  const jobText = (label: string) => {
    const job = t.jobs.find((j) => j.label === label && !j.internal);
    assert.ok(job, `a job "${label}"`);
    return `#${job.id} ${label} (${file}:${job.location?.line})`;
  };
  const printedAt = (text: string) => {
    const event = t.events.find((e) => e.type === 'console' && e.text === text);
    assert.ok(event, `"${text}" printed`);
    return event.seq;
  };

  before(async () => {
    await activateExtension();
    await openFile(file);
    const result = await trace(file);
    assert.strictEqual(result?.ran, true, `the trace ran: ${JSON.stringify(result)}`);
    await waitFor(
      'the timeline to show the trace',
      async () => {
        const p = await probe().then(undefined, () => undefined);
        return p && p.file === workspaceFile(file).fsPath && p.snapshot.steps > 0 ? p : undefined;
      },
      120_000,
    );
    t = await exportedTrace();
    await vscode.commands.executeCommand('promiseLens.timeline.view', 'loop');
  });

  after(async () => {
    // The other suites read the panel in its timeline view.
    await vscode.commands.executeCommand('promiseLens.timeline.view', 'timeline');
  });

  it('at the end of the script holds the script on the stack and one job in each queue', async () => {
    const seen = await at(printedAt('2: script end'));
    const loop = seen.snapshot.loop;
    const script = t.jobs.find((j) => j.task === 'script');
    assert.ok(script);
    assert.deepStrictEqual(loop.stack, [`#${script.id} main script`]);
    const queues = Object.fromEntries(loop.queues.map((q) => [q.label, q.items]));
    assert.deepStrictEqual(Object.keys(queues), ['nextTick', 'microtasks', 'timers', 'immediates', 'I/O']);
    assert.deepStrictEqual(queues.nextTick, [jobText('process.nextTick')]);
    assert.deepStrictEqual(queues.microtasks, [jobText('then handler')]);
    assert.strictEqual(queues.timers.length, 1);
    assert.match(queues.timers[0], new RegExp(`^${escape(jobText('setTimeout 0 ms'))} · due ≈ [\\d.]+ (µs|ms)`));
    assert.deepStrictEqual(queues.immediates, [jobText('setImmediate')]);
    assert.deepStrictEqual(queues['I/O'], []);
    assert.deepStrictEqual(loop.console, ['1: script start', '2: script end']);
    assert.strictEqual(loop.why, `Why now: ${script.why?.text.replace(/`/g, '')}`);
    // The editor still shows the line running at the step: the console.log that printed it.
    assert.strictEqual(seen.highlighted?.line, 16, JSON.stringify(seen.highlighted));
  });

  it('moves the tick, then the promise job, from their queues onto the call stack', async () => {
    const tick = (await at(printedAt('3: nextTick'))).snapshot.loop;
    assert.deepStrictEqual(tick.stack, [jobText('process.nextTick')]);
    assert.deepStrictEqual(tick.queues.find((q) => q.label === 'nextTick')?.items, []);
    assert.deepStrictEqual(tick.queues.find((q) => q.label === 'microtasks')?.items, [jobText('then handler')]);

    const micro = (await at(printedAt('4: microtask'))).snapshot.loop;
    assert.deepStrictEqual(micro.stack, [jobText('then handler')]);
    assert.deepStrictEqual(micro.queues.find((q) => q.label === 'microtasks')?.items, []);
    assert.match(micro.why, /microtask queue drains completely/);

    const queued = t.jobs.find((j) => j.label === 'queueMicrotask');
    assert.ok(queued?.enqueuedAt != null);
    const queuedStep = (await at(queued.enqueuedAt)).snapshot.loop;
    assert.deepStrictEqual(queuedStep.queues.find((q) => q.label === 'microtasks')?.items, [jobText('queueMicrotask')]);
    assert.deepStrictEqual(queuedStep.console, ['1: script start', '2: script end', '3: nextTick', '4: microtask']);
  });

  it('shows at every step what the model of that step holds', async () => {
    const layout = layoutTrace(t);
    for (let step = 0; step < layout.steps; step += 3) {
      const seen = (await at(layout.trace.events[step].seq)).snapshot.loop;
      const model = loopModelAt(layout, step);
      assert.deepStrictEqual(
        seen.stack.map((s) => s.replace(/ · due.*$/, '')),
        model.stack.map((i) => `#${i.id} ${i.label}`),
        `stack at step ${step + 1}`,
      );
      assert.deepStrictEqual(
        seen.queues.map((q) => [q.label, q.items.map((s) => s.replace(/ · due.*$/, ''))]),
        model.queues.map((b) => [b.label, b.items.map((i) => `#${i.id} ${i.label}`)]),
        `queues at step ${step + 1}`,
      );
      assert.deepStrictEqual(
        seen.console,
        model.console.map((l) => l.text),
        `console at step ${step + 1}`,
      );
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
