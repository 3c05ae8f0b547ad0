import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runTrace, untitledExtension } from '../../../../src/core/run';
import { distDir, tempFolder, testNode } from '../../../shared/runHelpers';

async function output(options: {
  file: string;
  text?: string;
}): Promise<{ stdout: string; code: number | null; file: string }> {
  let stdout = '';
  const trace = await runTrace({
    ...options,
    distDir,
    node: await testNode(),
    onOutput: (_s, c) => (stdout += c.toString()),
  });
  return { stdout, code: trace.exit.code, file: trace.file };
}

describe('unsaved and untitled editors', function () {
  this.timeout(30_000);

  it("runs a dirty .js editor's text under the file's own path, leaving the file on disk alone", async () => {
    const folder = tempFolder();
    try {
      folder.write('price.js', 'module.exports = 7;\n');
      const file = folder.write('main.js', "console.log('saved');\n");
      const result = await output({
        file,
        text: "console.log('unsaved', require('./price'), __filename === " + JSON.stringify(file) + ');\n',
      });
      assert.equal(result.stdout, 'unsaved 7 true\n');
      assert.equal(result.file, file);
      assert.equal(readFileSync(file, 'utf8'), "console.log('saved');\n");
    } finally {
      folder.remove();
    }
  });

  it('runs a dirty .mjs editor as an ES module, with top-level await and imports next to the file', async () => {
    const folder = tempFolder();
    try {
      folder.write('price.mjs', 'export const price = 7;\n');
      const file = folder.write('main.mjs', "console.log('saved');\n");
      const text =
        "import { price } from './price.mjs';\nconsole.log('unsaved', await Promise.resolve(price), import.meta.url.endsWith('/main.mjs'));\n";
      assert.equal((await output({ file, text })).stdout, 'unsaved 7 true\n');
    } finally {
      folder.remove();
    }
  });

  it('runs a dirty .ts editor from its text, transpiled', async () => {
    const folder = tempFolder();
    try {
      const file = folder.write('main.ts', "console.log('saved');\n");
      const text = "const total: number = 2 + 3;\nconsole.log('unsaved', total);\n";
      assert.equal((await output({ file, text })).stdout, 'unsaved 5\n');
    } finally {
      folder.remove();
    }
  });

  it('picks the extension an untitled buffer runs under from its text', () => {
    assert.equal(untitledExtension('javascript', "console.log('x');\nrequire('fs');\n"), '.cjs');
    assert.equal(untitledExtension('javascript', "import fs from 'node:fs';\n"), '.mjs');
    assert.equal(untitledExtension('javascript', 'export const x = 1;\n'), '.mjs');
    assert.equal(untitledExtension('javascript', 'const x = await fetchIt();\n'), '.mjs');
    assert.equal(untitledExtension('javascript', 'async function f() {\n  const x = await g();\n}\n'), '.cjs');
    assert.equal(untitledExtension('typescript', "import fs from 'node:fs';\n"), '.ts');
    assert.equal(untitledExtension('typescript', 'await main();\n'), '.mts');
    // Where patterns over lines would go wrong: an await inside an expression, words inside strings.
    assert.equal(untitledExtension('javascript', 'console.log(await Promise.all([1]));\n'), '.mjs');
    assert.equal(untitledExtension('javascript', 'for await (const x of gen()) console.log(x);\n'), '.mjs');
    assert.equal(untitledExtension('javascript', 'console.log(import.meta.url);\n'), '.mjs');
    assert.equal(untitledExtension('javascript', 'const s = `\nexport const x = 1;\nawait y`;\n'), '.cjs');
    assert.equal(
      untitledExtension('javascript', 'class A { static { const f = async () => { await 1; }; } }\n'),
      '.cjs',
    );
    assert.equal(untitledExtension('typescript', 'console.log(await Promise.resolve(1));\n'), '.mts');
    // A dynamic import is allowed in CommonJS, where `require` stays defined.
    assert.equal(
      untitledExtension('javascript', "const fs = require('fs');\nimport('node:os').then(console.log);\n"),
      '.cjs',
    );
  });
});

describe('the loader leaves no trace in the environment', function () {
  this.timeout(30_000);

  it('removes its variables before the program runs, in CommonJS and in ES modules', async () => {
    const folder = tempFolder();
    try {
      const probe = "Object.keys(process.env).filter((k) => k.startsWith('PROMISE_LENS')).join(',') || 'none'";
      for (const name of ['main.ts', 'main.mts']) {
        const file = folder.write(name, `console.log(${probe});\n`);
        assert.equal(
          (await output({ file, text: `console.log('unsaved', ${probe});\n` })).stdout,
          'unsaved none\n',
          name,
        );
      }
    } finally {
      folder.remove();
    }
  });
});
