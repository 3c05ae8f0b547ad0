/**
 * "Predict the order" in core: the shuffle, the marking, the puzzle a trace makes (on real runs and on
 * traces built by hand for the runs that cannot be had on demand) and the page's message guards.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  allRight,
  hasOrderToGuess,
  markAnswer,
  moveItem,
  shuffledOrder,
  type OrderLine,
} from '../../../../src/core/predict/order';
import { isFromPredictPage, isToPredictPage } from '../../../../src/core/predict/protocol';
import { predictPuzzle } from '../../../../src/core/predict/puzzle';
import { runTrace } from '../../../../src/core/run';
import type { Trace, TraceEvent, TraceExit } from '../../../../src/core/trace/model';
import { stepsOf } from '../../../../src/core/trace/steps';
import { ordinal, resultSentence } from '../../../../src/webview/predict/verdict';
import { distDir, root, tempFolder, testNode } from '../../../shared/runHelpers';

const line = (text: string, task = 'script', unordered = false): OrderLine => ({ text, task, unordered });
const lines = (...texts: string[]) => texts.map((t) => line(t));
const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
const sameTexts = (ls: OrderLine[], order: number[]) => order.every((l, place) => ls[l].text === ls[place].text);

describe('predict the order: shuffling (core/predict/order)', () => {
  it('never returns the printed order, over many seeds and line sets with repeated texts', () => {
    const sets = [
      lines('a', 'b'),
      lines('a', 'b', 'c'),
      lines('a', 'a', 'b'),
      lines('x', 'x', 'x', 'y'),
      lines('1', '2', '3', '4', '5', '6', '7'),
      lines('same', 'other', 'same', 'other'),
    ];
    for (const set of sets) {
      for (let seed = 0; seed < 300; seed++) {
        const order = shuffledOrder(set, seed);
        assert.ok(order, `an order for ${set.map((l) => l.text)}`);
        assert.deepEqual(
          [...order].sort((a, b) => a - b),
          identity(set.length),
          'a permutation',
        );
        assert.ok(!sameTexts(set, order), `seed ${seed} gave the printed order of ${set.map((l) => l.text)}`);
        assert.ok(!allRight(markAnswer(set, order)), `seed ${seed} gave an order already right`);
      }
    }
  });

  it('gives the same order for the same seed and others for other seeds', () => {
    const set = lines('1', '2', '3', '4', '5', '6');
    assert.deepEqual(shuffledOrder(set, 42), shuffledOrder(set, 42));
    const distinct = new Set(identity(50).map((seed) => shuffledOrder(set, seed)?.join(',')));
    assert.ok(distinct.size > 10, `only ${distinct.size} orders from 50 seeds`);
  });

  it('has nothing to shuffle when every line reads the same, or there are fewer than two', () => {
    assert.equal(shuffledOrder([], 1), null);
    assert.equal(shuffledOrder(lines('only'), 1), null);
    assert.equal(shuffledOrder(lines('tick', 'tick', 'tick'), 1), null);
    assert.equal(hasOrderToGuess(lines('tick', 'tock')), true);
  });

  it('still differs from the printed texts when every shuffle Node allows is right', () => {
    // A 0 ms timer and an immediate from the main module: both orders are right, so no shuffle is wrong.
    const set = [line('timeout', 'timer', true), line('immediate', 'immediate', true)];
    for (let seed = 0; seed < 20; seed++) assert.deepEqual(shuffledOrder(set, seed), [1, 0]);
  });

  it('moves an item to a place', () => {
    assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 0, 2), ['b', 'c', 'a', 'd']);
    assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 3, 0), ['d', 'a', 'b', 'c']);
    assert.deepEqual(moveItem(['a', 'b'], 1, 9), ['a', 'b']);
    assert.deepEqual(moveItem(['a', 'b'], 5, 0), ['a', 'b']);
  });
});

describe('predict the order: marking (core/predict/order)', () => {
  it('marks the printed order right and a swapped pair wrong, each place with where its line printed', () => {
    const set = lines('start', 'end', 'tick', 'then');
    const right = markAnswer(set, [0, 1, 2, 3]);
    assert.deepEqual(
      right.map((m) => m.mark),
      ['right', 'right', 'right', 'right'],
    );
    const swapped = markAnswer(set, [0, 1, 3, 2]);
    assert.deepEqual(
      swapped.map((m) => m.mark),
      ['right', 'right', 'wrong', 'wrong'],
    );
    assert.deepEqual(
      swapped.map((m) => m.truePlaces),
      [[0], [1], [3], [2]],
    );
    assert.equal(allRight(swapped), false);
  });

  it('counts identical lines as right in either place', () => {
    const set = lines('tick', 'tock', 'tick');
    assert.deepEqual(
      markAnswer(set, [2, 1, 0]).map((m) => m.mark),
      ['right', 'right', 'right'],
    );
    const wrong = markAnswer(set, [1, 0, 2]);
    assert.deepEqual(
      wrong.map((m) => m.mark),
      ['wrong', 'wrong', 'right'],
    );
    assert.deepEqual(wrong[1].truePlaces, [0, 2]);
  });

  it('lets a timer and an immediate Node does not order swap, but not two timers of the same queue', () => {
    const set = [
      line('start'),
      line('timer A', 'timer', true),
      line('timer B', 'timer', true),
      line('immediate', 'immediate', true),
      line('end', 'io'),
    ];
    assert.deepEqual(
      markAnswer(set, [0, 3, 1, 2, 4]).map((m) => m.mark),
      ['right', 'unordered', 'unordered', 'unordered', 'right'],
    );
    assert.deepEqual(
      markAnswer(set, [0, 3, 2, 1, 4]).map((m) => m.mark),
      ['right', 'wrong', 'right', 'wrong', 'right'],
    );
    // A line from outside the block moved into it is wrong, and so the block no longer holds.
    assert.deepEqual(
      markAnswer(set, [0, 4, 1, 2, 3]).map((m) => m.mark),
      ['right', 'wrong', 'wrong', 'wrong', 'wrong'],
    );
  });

  it('refuses an answer that is not every line once', () => {
    assert.throws(() => markAnswer(lines('a', 'b'), [0, 0]));
    assert.throws(() => markAnswer(lines('a', 'b'), [0]));
  });
});

/** A trace with the given console events and exit, nothing else. */
function handTrace(events: TraceEvent[], exit: Partial<TraceExit> = {}, extra: Partial<Trace> = {}): Trace {
  return {
    version: 1,
    file: '/work/app.js',
    node: 'v20.0.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    promises: [],
    jobs: [],
    events,
    exit: { code: 0, signal: null, reason: 'completed', ...exit },
    truncated: false,
    ...extra,
  };
}
const printed = (seq: number, text: string, outside = false): TraceEvent => ({
  type: 'console',
  seq,
  stream: 'stdout',
  text,
  task: 'script',
  job: null,
  ...(outside ? { outside: true as const } : {}),
});

describe('predict the order: the puzzle of a trace (core/predict/puzzle)', function () {
  this.timeout(60_000);

  it('takes the lines of a real run in printed order, each with its step and its job\'s "why now"', async () => {
    const file = join(root, 'examples/microtasks-before-timers.js');
    const trace = await runTrace({ file, distDir, node: await testNode() });
    const puzzle = predictPuzzle(trace);
    assert.equal(puzzle.state, 'ready');
    const consoleEvents = trace.events.filter((e) => e.type === 'console' && !e.outside);
    assert.deepEqual(
      puzzle.lines.map((l) => l.text),
      consoleEvents.map((e) => (e.type === 'console' ? e.text : '')),
    );
    assert.deepEqual(
      puzzle.lines.slice(0, 5).map((l) => l.text),
      ['1: script start', '2: script end', '3: nextTick', '4: microtask', '5: microtask queued by a microtask'],
    );
    const steps = stepsOf(trace);
    puzzle.lines.forEach((l, i) => {
      const event = consoleEvents[i];
      assert.equal(l.step, steps.numberOf(event.seq));
      const job = trace.jobs.find((j) => event.type === 'console' && j.id === event.job);
      assert.ok(job?.why, `line ${l.text} has a job with a why`);
      assert.deepEqual(l.why, job.why);
      assert.equal(l.job, job.label);
    });
    assert.equal(puzzle.lines[2].why?.rule, 'next-tick');
    assert.equal(puzzle.lines[3].why?.rule, 'reaction');
    // The timer and the immediate set from the main module: Node does not promise their order.
    assert.deepEqual(
      puzzle.lines.slice(5).map((l) => l.unordered),
      [true, true],
    );
    assert.deepEqual(puzzle.notes, []);
  });

  it('says a program that did not parse did not run', async () => {
    const folder = tempFolder();
    try {
      const file = folder.write('broken.js', 'console.log("never";\n');
      const puzzle = predictPuzzle(await runTrace({ file, distDir, node: await testNode() }));
      assert.equal(puzzle.state, 'did-not-run');
      assert.match(puzzle.message ?? '', /^The program did not run: /);
      assert.deepEqual(puzzle.lines, []);
    } finally {
      folder.remove();
    }
  });

  it('says there is nothing to order for no line, one line, or one text repeated', () => {
    assert.equal(predictPuzzle(handTrace([])).state, 'nothing-to-order');
    assert.match(predictPuzzle(handTrace([])).message ?? '', /no console lines: there is nothing to order/);
    const one = predictPuzzle(handTrace([printed(0, 'hello')]));
    assert.equal(one.state, 'nothing-to-order');
    assert.match(one.message ?? '', /one console line/);
    const same = predictPuzzle(handTrace([printed(0, 'tick'), printed(1, 'tick'), printed(2, 'tick')]));
    assert.equal(same.state, 'nothing-to-order');
    assert.match(same.message ?? '', /the same line 3 times/);
  });

  it('says when Node could not start, or the program failed before printing', () => {
    const spawn = predictPuzzle(handTrace([], { reason: 'spawn-failed', code: null, message: 'spawn node ENOENT' }));
    assert.equal(spawn.state, 'did-not-run');
    assert.match(spawn.message ?? '', /did not run: spawn-failed.*ENOENT/);
    const crashed = predictPuzzle(handTrace([], { reason: 'crashed', code: 1, message: 'Error: boom' }));
    assert.equal(crashed.state, 'did-not-run');
    assert.match(crashed.message ?? '', /failed before it printed anything: .*Error: boom/);
  });

  it('keeps the lines of a run that crashed after printing, says it ended early, and leaves out lines from outside', () => {
    const puzzle = predictPuzzle(
      handTrace([printed(0, 'a'), printed(1, 'b'), printed(2, 'Error: boom\n    at …', true)], {
        reason: 'crashed',
        code: 1,
        message: 'Error: boom',
      }),
    );
    assert.equal(puzzle.state, 'ready');
    assert.deepEqual(
      puzzle.lines.map((l) => l.text),
      ['a', 'b'],
    );
    assert.equal(puzzle.lines[0].why, null);
    assert.equal(puzzle.notes.length, 2);
    assert.match(puzzle.notes[0], /ended early \(crashed, exit code 1: Error: boom\)/);
    assert.match(puzzle.notes[1], /^1 line reached the output without the program's console/);
  });
});

describe("predict the order: the page's sentences (webview/predict/verdict)", () => {
  it('writes ordinals', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('says how many places are right, and never calls an order Node does not promise the printed one', () => {
    const set = [line('a'), line('timer', 'timer', true), line('immediate', 'immediate', true)];
    assert.equal(resultSentence(markAnswer(set, [0, 1, 2])), 'All 3 lines are in the order they printed.');
    assert.match(resultSentence(markAnswer(set, [0, 2, 1])), /^All 3 lines are in an order Node allows: /);
    assert.equal(resultSentence(markAnswer(set, [1, 0, 2])), '1 of 3 lines are in the right place.');
  });
});

describe('predict the order: messages (core/predict/protocol)', () => {
  const puzzle = predictPuzzle(handTrace([printed(0, 'a'), printed(1, 'b')]));

  it('accepts the messages it defines', () => {
    assert.ok(isToPredictPage({ type: 'puzzle', puzzle, revision: 1, seed: 7 }));
    assert.ok(isToPredictPage({ type: 'arrange', order: [1, 0], reveal: true }));
    assert.ok(isToPredictPage({ type: 'probe', id: 3 }));
    assert.ok(isFromPredictPage({ type: 'ready' }));
    assert.ok(isFromPredictPage({ type: 'openTimeline' }));
    assert.ok(
      isFromPredictPage({
        type: 'snapshot',
        id: 1,
        state: 'ready',
        lines: ['b', 'a'],
        revealed: true,
        marks: ['wrong', 'wrong'],
        summary: '0 of 2',
      }),
    );
  });

  it('refuses malformed ones', () => {
    const badLine = { ...puzzle, lines: [{ ...puzzle.lines[0], text: 42 }] };
    assert.ok(!isToPredictPage({ type: 'puzzle', puzzle: badLine, revision: 1, seed: 7 }));
    assert.ok(!isToPredictPage({ type: 'puzzle', puzzle: { ...puzzle, state: 'done' }, revision: 1, seed: 7 }));
    assert.ok(!isToPredictPage({ type: 'arrange', order: [-1], reveal: false }));
    assert.ok(!isToPredictPage({ type: 'reveal' }));
    assert.ok(
      !isFromPredictPage({
        type: 'snapshot',
        id: 1,
        state: 'ready',
        lines: [],
        revealed: true,
        marks: ['maybe'],
        summary: '',
      }),
    );
    assert.ok(!isFromPredictPage({ type: 'openFile', path: '/etc/passwd' }));
  });
});
