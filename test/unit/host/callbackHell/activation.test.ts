import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../../shared/paths';

/**
 * A stand-in for the `vscode` module: each name the bundle reads from it is a callable, constructible
 * stand-in whose properties are stand-ins again, so activate() can register whatever it registers.
 * Only what activation loads is under test here.
 */
function fakeVscode(names: Iterable<string> = []): unknown {
  const make = (): unknown =>
    new Proxy(function () {}, {
      get: (_target, key) => {
        if (key === 'then') return undefined;
        if (key === Symbol.iterator) return function* () {};
        if (key === Symbol.toPrimitive) return () => 0;
        return make();
      },
      apply: () => make(),
      construct: () => make() as object,
    });
  const api: Record<string, unknown> = {};
  for (const name of names) api[name] = make();
  return api;
}

describe('activation', () => {
  it('does not load TypeScript: the first analysis does', () => {
    const bundle = join(repoRoot, 'dist/extension.js');
    assert.ok(existsSync(bundle), 'build first: node scripts/build.mjs');
    const typescriptPath = require.resolve('typescript');
    const loaded = (): boolean => typescriptPath in require.cache;
    const wasLoaded = loaded();
    if (wasLoaded) delete require.cache[typescriptPath];

    const names = new Set([...readFileSync(bundle, 'utf8').matchAll(/\bvscode\d*\.([A-Za-z_]\w*)/g)].map((m) => m[1]));
    const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
    const original = loader._load;
    const requested: string[] = [];
    loader._load = function (request, parent, isMain) {
      requested.push(request);
      if (request === 'vscode') return fakeVscode(names);
      return original.call(this, request, parent, isMain);
    };
    try {
      delete require.cache[bundle];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const extension = require(bundle) as { activate(context: unknown): void; deactivate(): void };
      const context = new Proxy(
        { subscriptions: [] as unknown[] },
        {
          get: (target, key) => {
            if (key === 'subscriptions') return target.subscriptions;
            // A path, as VS Code gives it: the extension finds its built runtime from it as it activates.
            if (key === 'extensionPath') return repoRoot;
            return (fakeVscode(['x']) as { x: unknown }).x;
          },
        },
      );
      extension.activate(context);
      assert.ok(requested.includes('vscode'), 'the bundle was really loaded and activated');
      assert.ok(!requested.includes('typescript'), `activation required: ${requested.join(', ')}`);
      assert.equal(loaded(), false);
      extension.deactivate();
    } finally {
      loader._load = original;
      delete require.cache[bundle];
    }
  });
});
