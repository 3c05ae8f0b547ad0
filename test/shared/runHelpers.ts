// Helpers for the runner's tests: programs written to a temp folder, the built dist/, and a look at
// which processes of a group are still alive.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findNode, type NodeRuntime } from '../../src/core/run';
import { readRecording } from '../../src/core/trace/recording';
import type { Trace } from '../../src/core/trace/model';
import { repoRoot } from './paths';

export const root = repoRoot;
export const distDir = join(root, 'dist');

export function tempFolder(): { dir: string; write: (name: string, text: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'promise-lens-test-'));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let node: Promise<NodeRuntime> | undefined;
export function testNode(): Promise<NodeRuntime> {
  node ??= findNode({ fallback: { command: process.execPath, env: {} } });
  return node;
}

/**
 * Pids of the group `pgid` that are alive. Zombies do not count: a killed grandchild waits for a
 * reaper that may be slow in a container, but it runs nothing.
 */
export function livingInGroup(pgid: number): number[] {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const alive: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = join('/proc', name, 'stat');
    if (!existsSync(stat)) continue;
    let text: string;
    try {
      text = readFileSync(stat, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') alive.push(Number(name));
  }
  return alive;
}

/** `line:column` of the `nth` (from 0) `needle` in `text`, 1-based, as the trace reports places. */
export function at(text: string, needle: string, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} is in the text`);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The trace of a recording the preload wrote on its own (no runner): what the runner adds is left plain. */
export function readBareRecording(out: string, file: string, status: number | null): Trace {
  return readRecording(out, {
    file,
    node: process.version,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
    exit: { code: status, signal: null, reason: 'completed' },
  });
}
