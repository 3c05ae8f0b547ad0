/**
 * The traced program runs as the leader of its own process group, so everything it starts can be
 * killed together. Killing is synchronous so `deactivate` can rely on it.
 */
import { spawnSync } from 'node:child_process';

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
