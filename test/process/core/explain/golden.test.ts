/**
 * "Why now" over a corpus of ordering programs: each program in test/golden/explain runs under the
 * tracer as the CLI and the extension run it (`runTrace`), and each job's rule and sentence must equal
 * `<name>.why.txt`. Node's own jobs are left out, except V8's jobs for a promise of the program's (its
 * adoption of a returned promise, a combinator's input), which the timeline shows when something of
 * the program's happens in them. Times are masked; a program whose first line says `any order` (a
 * 0 ms timer against an immediate) is compared sorted.
 * `UPDATE_GOLDEN=1 npx mocha --no-config --timeout 60000 out/test/process/core/explain/golden.test.js` rewrites the expected files.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import { RULES } from '../../../../src/core/explain';
import type { Trace } from '../../../../src/core/trace/model';
import { distDir, root, testNode } from '../../../shared/runHelpers';

const corpus = join(root, 'test/golden/explain');
const update = process.env.UPDATE_GOLDEN === '1';

export function summariseWhy(trace: Trace): string[] {
  const promises = new Map(trace.promises.map((p) => [p.id, p]));
  const blocks: string[] = [];
  for (const job of trace.jobs) {
    const promise = job.promise === null ? undefined : promises.get(job.promise);
    const parent = promise?.parent == null ? undefined : promises.get(promise.parent);
    const ofProgram =
      !job.internal || (promise !== undefined && (promise.internal ? parent?.internal === false : true));
    if (!ofProgram) continue;
    assert.ok(job.why, `job #${job.id} ${job.label} has a why`);
    assert.ok(job.why.rule in RULES, `job #${job.id}: '${job.why.rule}' is a documented rule`);
    const where = job.location ? ` @${job.location.line}:${job.location.column}` : '';
    const text = job.why.text.replace(/\d+\.\d ms into the run/, 'N ms into the run');
    blocks.push(`${job.task} ${job.label}${where}${job.internal ? ' (internal)' : ''}: ${job.why.rule}\n  ${text}`);
  }
  return blocks;
}

describe('why each job ran then (core/explain) over the ordering corpus', function () {
  this.timeout(60_000);
  const files = readdirSync(corpus)
    .filter((f) => /\.(js|mjs)$/.test(f))
    .sort();
  const used = new Map<string, Set<string>>();

  it('has a corpus', () => assert.ok(files.length >= 13, `only ${files.length} programs`));

  for (const name of files) {
    it(name, async () => {
      const file = join(corpus, name);
      const trace = await runTrace({ file, distDir, node: await testNode() });
      assert.equal(trace.exit.reason, 'completed', `${name} ran to its end`);
      let blocks = summariseWhy(trace);
      for (const block of blocks) {
        const rule = /: ([a-z-]+)\n/.exec(block)![1];
        if (!used.has(rule)) used.set(rule, new Set());
        used.get(rule)!.add(name);
      }
      if (/any order/.test(readFileSync(file, 'utf8').split('\n')[0])) blocks = [...blocks].sort();
      const actual = blocks.join('\n') + '\n';
      const expectedFile = `${file}.why.txt`;
      if (update) writeFileSync(expectedFile, actual);
      assert.ok(existsSync(expectedFile), `${expectedFile} exists (UPDATE_GOLDEN=1 writes it)`);
      assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    });
  }

  after(() => {
    if (process.env.PRINT_RULES !== '1') return;
    for (const rule of Object.keys(RULES)) console.log(`${rule}: ${[...(used.get(rule) ?? [])].join(', ') || '-'}`);
  });
});
