import * as assert from 'node:assert/strict';
import type * as childProcess from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findNode, isSupportedVersion, NodeNotFound } from '../../../../src/core/run/node';
import { tempFolder } from '../../../shared/runHelpers';

describe('which Node runs the program', () => {
  it('uses node on PATH by default and names its version', async () => {
    const node = await findNode({});
    assert.equal(node.source, 'path');
    assert.match(node.version, /^v\d+\.\d+\.\d+/);
  });

  it('asks no second Node for its version when the Node to run is the one running this', async () => {
    // The module object itself, whose property the code under test reads at each call.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cp = require('node:child_process') as { execFile: typeof childProcess.execFile };
    const execFile = cp.execFile;
    let started = 0;
    cp.execFile = ((...args: Parameters<typeof childProcess.execFile>) => {
      started++;
      return execFile(...args);
    }) as typeof childProcess.execFile;
    const folder = tempFolder();
    try {
      // A link of its own, so that no earlier answer for process.execPath is reused.
      const link = join(folder.dir, 'node');
      symlinkSync(process.execPath, link);
      const node = await findNode({ configured: link });
      assert.equal(node.version, process.version);
      assert.equal(started, 0);
    } finally {
      cp.execFile = execFile;
      folder.remove();
    }
  });

  it('says so when the configured Node does not exist', async () => {
    await assert.rejects(findNode({ configured: '/no/such/node' }), (error: Error) => {
      assert.ok(error instanceof NodeNotFound);
      assert.match(error.message, /'\/no\/such\/node', is not an executable file/);
      return true;
    });
  });

  it('falls back to the given runtime when no node is on PATH, and says so when there is none', async () => {
    const fallback = await findNode({
      searchPath: '/nonexistent',
      fallback: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
    });
    assert.equal(fallback.source, 'fallback');
    assert.equal(fallback.command, process.execPath);
    assert.deepEqual(fallback.env, { ELECTRON_RUN_AS_NODE: '1' });
    await assert.rejects(findNode({ searchPath: '/nonexistent' }), /No 'node' found on PATH/);
  });

  it('refuses a Node too old for v8.promiseHooks, naming both versions', async function () {
    if (process.platform === 'win32') this.skip();
    const folder = tempFolder();
    try {
      // An executable that answers the probe as Node 14 would: no v8.promiseHooks.
      const old = folder.write('node', '#!/bin/sh\nprintf "v14.21.3 undefined"\n');
      chmodSync(old, 0o755);
      await assert.rejects(findNode({ configured: old }), (error: Error) => {
        assert.ok(error instanceof NodeNotFound);
        assert.match(error.message, /is Node v14\.21\.3; tracing needs Node 16\.14 or later \(for v8\.promiseHooks\)/);
        return true;
      });
      await assert.rejects(findNode({ searchPath: folder.dir }), /v14\.21\.3/);
    } finally {
      folder.remove();
    }
  });

  it('knows which versions have v8.promiseHooks', () => {
    for (const version of ['v16.14.0', 'v17.1.0', 'v18.0.0', 'v20.20.2', 'v22.1.0'])
      assert.ok(isSupportedVersion(version), version);
    for (const version of ['v14.21.3', 'v16.13.2', 'v17.0.1', 'garbage'])
      assert.ok(!isSupportedVersion(version), version);
  });
});
