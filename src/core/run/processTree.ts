/**
 * The traced program runs as the leader of its own process group, so everything it starts can be
 * killed together. Killing is synchronous so `deactivate` can rely on it.
 */
import { spawn, spawnSync } from 'node:child_process';

export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
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
