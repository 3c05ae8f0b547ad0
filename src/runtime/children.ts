/**
 * The processes the program started and left running, read as it exits (Linux): a detached child
 * (`spawn(..., { detached: true }).unref()`) leaves the program's process group, where the runner
 * cannot find it once the program is gone. The runner kills them, and what they started.
 */
import { ArrayPush, fsReaddirSync, fsReadFileSync, RegExpExec } from './primordials';

const PID = /\d+/g;

/** Pids of this process's children, from `/proc/self/task/<tid>/children`; empty where there is no such file. */
export function ownChildren(): number[] {
  const pids: number[] = [];
  let tasks: string[];
  try {
    tasks = fsReaddirSync('/proc/self/task');
  } catch {
    return pids;
  }
  for (let i = 0; i < tasks.length; i++) {
    let text: string;
    try {
      text = fsReadFileSync(`/proc/self/task/${tasks[i]}/children`, 'latin1');
    } catch {
      continue;
    }
    PID.lastIndex = 0;
    for (let m = RegExpExec(PID, text); m !== null; m = RegExpExec(PID, text)) ArrayPush(pids, +m[0]);
  }
  return pids;
}
