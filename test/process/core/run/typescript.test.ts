import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { runTrace } from '../../../../src/core/run';
import { SourceMap } from 'node:module';
import { mapLocation, originalPosition, readSourceMaps } from '../../../../src/core/locate/sourceMaps';
import { LOADER_ENV } from '../../../../src/wire/env';
import { distDir, tempFolder, testNode } from '../../../shared/runHelpers';

/** 1-based line and column of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} is in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const TS_SOURCE = `// Types vanish in the JS that runs, and CommonJS adds a header: lines move.
interface Order {
  id: number;
  total: number;
}
type Id = Order['id'];

export const first: Id = 1;
const order: Order = { id: first, total: 3 };
const make = (): Error => new Error('here');
const stack = make().stack;
// A program's own formatter gets V8's call sites, at the positions of the JS that ran.
Error.prepareStackTrace = (_error, sites) => \`\${sites[0].getFileName()}:\${sites[0].getLineNumber()}:\${sites[0].getColumnNumber()}\`;
const raw = make().stack;
console.log(JSON.stringify({ stack, raw, order }));
`;

describe('TypeScript files', function () {
  this.timeout(30_000);

  it('decodes a source map: each generated position lands on its .ts position', () => {
    // "AAAA" maps (0,0)→(0,0); ";;AAEA,IAAI" on line 3 maps col 0→line 2 col 0 and col 4→line 2 col 4.
    const map = new SourceMap({
      version: 3,
      file: 'a.js',
      sources: ['a.ts'],
      sourcesContent: [],
      names: [],
      sourceRoot: '',
      mappings: 'AAAA;;AAEA,IAAI',
    });
    assert.deepEqual(originalPosition(map, 1, 1), { line: 1, column: 1 });
    assert.deepEqual(originalPosition(map, 3, 1), { line: 3, column: 1 });
    assert.deepEqual(originalPosition(map, 3, 5), { line: 3, column: 5 });
    assert.deepEqual(originalPosition(map, 3, 9), { line: 3, column: 5 });
    assert.equal(originalPosition(map, 2, 1), null);
    assert.equal(originalPosition(map, 9, 1), null);
    // A column before the line's first segment takes that segment ("  AAAA": line 2 col 2 -> line 1 col 1).
    const indented = new SourceMap({ ...map.payload, mappings: 'AAAA;EACA' });
    assert.deepEqual(originalPosition(indented, 2, 1), { line: 2, column: 1 });
    assert.deepEqual(originalPosition(indented, 2, 3), { line: 2, column: 1 });
  });

  it('runs .ts through the loader and maps a position V8 reports back to the .ts line and column', async () => {
    const folder = tempFolder();
    try {
      const file = folder.write('order.ts', TS_SOURCE);
      const maps = join(folder.dir, 'maps.jsonl');
      const node = await testNode();
      const output = execFileSync(node.command, ['--require', join(distDir, 'loader.js'), file], {
        env: { ...process.env, [LOADER_ENV.sourceMaps]: maps },
        encoding: 'utf8',
      });
      const { stack, raw, order } = JSON.parse(output) as { stack: string; raw: string; order: unknown };
      assert.deepEqual(order, { id: 1, total: 3 });
      const site = /^(.*order\.ts):(\d+):(\d+)$/.exec(raw);
      assert.ok(site, `a call site in order.ts: ${raw}`);
      const ran = { file: site[1], line: Number(site[2]), column: Number(site[3]) };
      const expected = positionOf(TS_SOURCE, "new Error('here')");
      assert.notDeepEqual(
        { line: ran.line, column: ran.column },
        expected,
        `the JS that ran has moved (else this test proves nothing): ${raw}`,
      );
      assert.deepEqual(mapLocation(ran, readSourceMaps(maps)), { file, ...expected });
      // The program's own error.stack reads the .ts position, as under --enable-source-maps.
      assert.match(
        stack.split('\n')[1],
        new RegExp(`at make \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${expected.line}:${expected.column}\\)$`),
      );
    } finally {
      folder.remove();
    }
  });

  it("reports an uncaught error at its .ts place: the report's source line and every frame of the program's", async () => {
    const source =
      "interface Job {\n  name: string;\n}\ntype Later = () => void;\n\nfunction fail(job: Job): never {\n  throw new Error(`failed ${job.name}`);\n}\nconst later: Later = (): void => fail({ name: 'ada' });\nsetTimeout(later, 1);\n";
    const folder = tempFolder();
    try {
      for (const name of ['crash.ts', 'crash.mts']) {
        const file = folder.write(name, source);
        const node = await testNode();
        const loader = join(distDir, 'loader.js');
        const preload = name.endsWith('.mts') ? ['--import', pathToFileURL(loader).href] : ['--require', loader];
        const result = spawnSync(node.command, [...preload, file], { encoding: 'utf8' });
        assert.equal(result.status, 1);
        const lines = result.stderr.split('\n');
        const thrown = positionOf(source, 'new Error(');
        const called = positionOf(source, "fail({ name: 'ada' })");
        assert.equal(lines[0], `${file}:${thrown.line}`, result.stderr);
        assert.equal(lines[1], '  throw new Error(`failed ${job.name}`);', result.stderr);
        assert.ok(lines.includes(`    at fail (${file}:${thrown.line}:${thrown.column})`), result.stderr);
        assert.ok(lines.includes(`    at Timeout.later (${file}:${called.line}:${called.column})`), result.stderr);
        // Node's own frames are as they always are.
        assert.ok(
          lines.some((l) => /^ {4}at listOnTimeout \(node:internal\/timers:\d+:\d+\)$/.test(l)),
          result.stderr,
        );
      }
    } finally {
      folder.remove();
    }
  });

  it("gives the trace the program's own time: transpiling (TypeScript loads, about a second) is left out", async () => {
    const folder = tempFolder();
    try {
      const file = folder.write(
        'late.ts',
        "const late: Promise<never> = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 50));\nlate.catch((e: Error) => console.log('rejected', e.message));\n",
      );
      const trace = await runTrace({ file, distDir, node: await testNode() });
      const startOf = (task: string): number => {
        const job = trace.jobs.find((j) => j.task === task && !j.internal);
        const event = trace.events.find((e) => e.type === 'job-start' && e.job === job?.id);
        assert.ok(event?.time !== undefined, `a ${task} job with a time`);
        return event.time / 1000;
      };
      const after = startOf('timer') - startOf('script');
      // The premise: the run took far longer than the program's own 50 ms (else this proves nothing).
      assert.ok(trace.durationMs > after + 150, `run ${trace.durationMs} ms, timer after ${after} ms`);
      assert.ok(after >= 49 && after < 50 + 150, `the 50 ms timer fired ${after} ms into the program's own time`);
    } finally {
      folder.remove();
    }
  });

  it('runs .mts with top-level await and imports a .ts sibling written as ./x.js', async () => {
    const folder = tempFolder();
    try {
      folder.write('util.ts', 'export const double = (n: number): number => n * 2;\n');
      // A type alias first: Node's CommonJS loader would not even recognise this as a module.
      const file = folder.write(
        'main.mts',
        "type Count = number;\nimport { double } from './util.js';\nconst n: Count = await Promise.resolve(21);\nconsole.log(double(n));\n",
      );
      let stdout = '';
      const trace = await runTrace({
        file,
        distDir,
        node: await testNode(),
        onOutput: (_s, c) => (stdout += c.toString()),
      });
      assert.equal(stdout, '42\n');
      assert.equal(trace.exit.code, 0);
    } finally {
      folder.remove();
    }
  });

  it('runs .cts and .ts as CommonJS outside a module package', async () => {
    const folder = tempFolder();
    try {
      folder.write('lib.cts', 'export const kind: string = typeof require;\n');
      const file = folder.write('main.ts', "import { kind } from './lib.cjs';\nconsole.log(kind, typeof module);\n");
      let stdout = '';
      await runTrace({ file, distDir, node: await testNode(), onOutput: (_s, c) => (stdout += c.toString()) });
      assert.equal(stdout, 'function object\n');
    } finally {
      folder.remove();
    }
  });

  it('runs a .ts file with top-level await or import.meta as an ES module where the package does not say', async () => {
    // Node's own syntax detection does this for .js; as CommonJS the file ran nothing and exited 0.
    const source =
      "type N = number;\nconst n: N = await Promise.resolve(21);\nconsole.log(n * 2, import.meta.url.endsWith('tla.ts'));\n";
    const folder = tempFolder();
    try {
      const file = folder.write('tla.ts', source);
      let stdout = '';
      const trace = await runTrace({
        file,
        distDir,
        node: await testNode(),
        onOutput: (_s, c) => (stdout += c.toString()),
      });
      assert.equal(stdout, '42 true\n');
      assert.equal(trace.exit.code, 0);
      const awaited = trace.promises.find((p) => p.kind === 'await' && !p.internal);
      assert.deepEqual(awaited?.location && { file: awaited.location.file, line: awaited.location.line }, {
        file,
        line: 2,
      });
    } finally {
      folder.remove();
    }
  });

  it('refuses top-level await in a .ts file of a CommonJS package, with the error Node gives for .js', async () => {
    const folder = tempFolder();
    try {
      folder.write('package.json', '{ "type": "commonjs" }\n');
      const file = folder.write('tla.ts', 'const n: number = await Promise.resolve(1);\nconsole.log(n);\n');
      const trace = await runTrace({ file, distDir, node: await testNode() });
      assert.equal(trace.exit.reason, 'crashed');
      assert.equal(trace.exit.code, 1);
      assert.equal(
        trace.exit.message,
        'SyntaxError: await is only valid in async functions and the top level bodies of modules',
      );
      assert.deepEqual(trace.exit.syntaxError, { file, line: 1, column: 19 });
    } finally {
      folder.remove();
    }
  });

  it('reports a TypeScript syntax error as a crash naming the place', async () => {
    const folder = tempFolder();
    try {
      const file = folder.write('broken.ts', 'const total: number = ;\n');
      const trace = await runTrace({ file, distDir, node: await testNode() });
      assert.equal(trace.exit.reason, 'crashed');
      assert.equal(trace.exit.code, 1);
      assert.equal(trace.exit.message, 'SyntaxError: Expression expected.');
      assert.deepEqual(trace.exit.syntaxError, { file, line: 1, column: 23 });
    } finally {
      folder.remove();
    }
  });

  it('gives the trace .ts locations: a promise created in a .ts file points at its .ts line', async () => {
    const source = `type Later = Promise<number>;\n\nconst later: Later = new Promise<number>((resolve) => setTimeout(() => resolve(1), 1));\nlater.then((n: number) => console.log(n));\n`;
    const folder = tempFolder();
    try {
      const file = folder.write('later.ts', source);
      const trace = await runTrace({ file, distDir, node: await testNode() });
      const created = trace.promises.find((p) => p.kind === 'new' && !p.internal);
      assert.ok(created, `a 'new' promise was recorded: ${JSON.stringify(trace.promises.map((p) => p.kind))}`);
      assert.equal(created.location?.file, file);
      assert.equal(created.location?.line, 3);
      const then = trace.promises.find((p) => p.kind === 'then' && !p.internal);
      assert.equal(then?.location?.line, 4);
    } finally {
      folder.remove();
    }
  });
});
