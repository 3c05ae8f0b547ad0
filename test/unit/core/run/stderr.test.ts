import * as assert from 'node:assert/strict';
import { syntaxErrorFromStderr } from '../../../../src/core/run/stderr';

describe('syntaxErrorFromStderr: where Node could not parse the program', () => {
  const trailer = '\nNode.js v20.20.2\n';

  it("reads Node's report: the file and line, and the column under the caret (a tab counts one)", () => {
    const report =
      "/tmp/a.js:2\n\tlet = = 3;\n\t      ^\n\nSyntaxError: Unexpected token '='\n    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n" +
      trailer;
    assert.deepEqual(syntaxErrorFromStderr(report), {
      file: '/tmp/a.js',
      line: 2,
      column: 8,
      message: "SyntaxError: Unexpected token '='",
    });
  });

  it('reads an ES module by its path, not its URL', () => {
    const report =
      "file:///tmp/b%20c.mjs:3\nconst x = ;\n          ^\n\nSyntaxError: Unexpected token ';'\n    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)\n" +
      trailer;
    assert.deepEqual(syntaxErrorFromStderr(report), {
      file: '/tmp/b c.mjs',
      line: 3,
      column: 11,
      message: "SyntaxError: Unexpected token ';'",
    });
  });

  it("takes the TypeScript loader's .ts position, not the loader's own line", () => {
    const report =
      '/x/dist/loader.js:136\n    throw new SyntaxError(...);\n    ^\n\nSyntaxError: Expression expected. (/tmp/c.ts:2:11)\n    at transpile (/x/dist/loader.js:136:11)\n' +
      trailer;
    assert.deepEqual(syntaxErrorFromStderr(report), {
      file: '/tmp/c.ts',
      line: 2,
      column: 11,
      message: 'SyntaxError: Expression expected.',
    });
  });

  it('finds none in a report of another error, or in output that is no report', () => {
    assert.equal(
      syntaxErrorFromStderr(
        "/tmp/a.js:1\nthrow new Error('x');\n^\n\nError: x\n    at Object.<anonymous> (/tmp/a.js:1:7)\n" + trailer,
      ),
      undefined,
    );
    assert.equal(
      syntaxErrorFromStderr("/tmp/a.js:2\nconst x = ;\n          ^\n\nSyntaxError: Unexpected token ';'\n"),
      undefined,
    );
  });
});
