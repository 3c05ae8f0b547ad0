/**
 * The traced program runs as the leader of its own process group, so everything it starts can be
 * killed together. Killing is synchronous so `deactivate` can rely on it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills the group led by `pid`, every descendant of `pid` that left it (a detached child, in its own
 * session), and `others` with their descendants (the program's children it named as it exited, which
 * then no longer descend from it). Descendants are found through `/proc` (Linux).
 */
export function killTree(pid: number, others: readonly number[] = []): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  const strays = descendantsOf([pid, ...others]);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone, or `pid` leads none (it runs in its parent's group).
  }
  for (const stray of [pid, ...others, ...strays]) {
    try {
      process.kill(stray, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** Every descendant of `roots` alive now, from `/proc/<pid>/task/<tid>/children`; empty without `/proc`. */
export function descendantsOf(roots: readonly number[]): number[] {
  const found: number[] = [];
  const seen = new Set<number>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      let text: string;
      try {
        text = readFileSync(`/proc/${pid}/task/${task}/children`, 'latin1');
      } catch {
        continue;
      }
      for (const word of text.split(' ')) {
        const child = Number(word);
        if (!word || !Number.isInteger(child) || seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** True while any process of the group led by `pid` is alive (POSIX; on Windows, the process itself). */
export function treeAlive(pid: number): boolean {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Kills the group led by `pid` if this process dies first (a crashed or killed extension host never
 * runs `deactivate`). A tiny shell waits for end-of-file on a pipe only this process holds, which the
 * kernel closes however this process ends. `release()` closes it on purpose once the run is over.
 */
export function guardTree(pid: number): { release: () => void } {
  if (process.platform === 'win32') return { release: () => undefined };
  let guard: ReturnType<typeof spawn> | undefined;
  try {
    guard = spawn('/bin/sh', ['-c', 'cat >/dev/null; kill -9 "-$1" 2>/dev/null', 'promise-lens-guard', String(pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    guard.on('error', () => undefined);
    guard.stdin?.on('error', () => undefined);
    guard.unref();
  } catch {
    guard = undefined;
  }
  return { release: () => guard?.stdin?.end() };
}
