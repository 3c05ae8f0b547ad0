import * as timers from 'timers';
import { INTERNAL_TASK, Task } from '../wire/recording';
import { disguise } from './disguise';
import type { JobTracker } from './jobs';
import type { Locator } from './location';
import { ObjectGetOwnPropertyDescriptor, prepend, ReflectApply } from './primordials';

type Callback = (...args: unknown[]) => unknown;

/**
 * Whether Node's timer object was cleared (`clearInterval` inside its own callback), so that it runs
 * no more: Node marks it with an own data property, read without running any getter.
 */
function cleared(timer: Record<string, unknown> | null): boolean {
  if (timer === null) return false;
  const desc = ObjectGetOwnPropertyDescriptor(timer, '_destroyed');
  return desc !== undefined && desc.value === true;
}

/**
 * Timers, immediates, `process.nextTick` and `queueMicrotask` are seen by wrapping the scheduling
 * functions: the wrapper records the enqueue and hands the real scheduler a callback that marks the
 * job's start and end around the user's callback. Each replacement keeps the original's name,
 * length, property descriptor and extra properties (`util.promisify.custom`), and the `timers`
 * module and the globals stay the same functions.
 */
export function wrapScheduling(jobs: JobTracker, locator: Locator): void {
  const where = (skip: Callback): { loc: number; internal: boolean } => {
    const frames = locator.capture(skip);
    return { loc: frames.loc, internal: frames.internal };
  };

  /**
   * The job wrapper. Node calls a timer as `timeout._onTimeout()` and an immediate as
   * `immediate._onImmediate()`, and stack traces name that slot (`Timeout._onTimeout`,
   * `Timeout.cb [as _onTimeout]`), so the user's callback is put back in the slot and called through
   * it. V8 names the slot when a stack is formatted, which may be long after the callback returned (an
   * error kept, or rejected and reported after the microtasks): a timer or immediate that runs once
   * keeps its callback there for good. Only an interval, which Node calls through the slot again,
   * gets the wrapper back for its next run (an error of its callback formatted after it returned then
   * reads `Timeout.<anonymous>`).
   */
  const schedule = (
    task: number,
    label: string,
    callback: Callback,
    skip: Callback,
    repeat: boolean,
    slot: string | null,
  ): Callback => {
    const site = where(skip);
    const taskWord = (task | (site.internal ? INTERNAL_TASK : 0)) as (typeof Task)[keyof typeof Task];
    let job = jobs.newJobId();
    jobs.enqueue(job, taskWord);
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      const id = job;
      job = 0;
      jobs.enter(taskWord, 0, site.loc, label, id);
      const holder =
        slot !== null && typeof this === 'object' && this !== null ? (this as Record<string, unknown>) : null;
      try {
        if (holder !== null && holder[slot as string] === wrapper) {
          // V8 names the slot when the stack is formatted, which for an uncaught error is after the
          // throw, so the callback stays in its slot when it throws.
          holder[slot as string] = callback;
          const result = ReflectApply(holder[slot as string] as Callback, holder, args);
          if (repeat && holder[slot as string] === callback && !cleared(holder)) holder[slot as string] = wrapper;
          return result;
        }
        return ReflectApply(callback, this, args);
      } finally {
        // Node queues an interval's next run as part of this one: recorded inside it.
        if (repeat && !cleared(holder)) {
          job = jobs.newJobId();
          jobs.enqueue(job, taskWord);
        }
        jobs.exit();
      }
    };
    return wrapper;
  };

  const replace = <T extends object>(owner: T, key: keyof T & string, make: (original: Callback) => Callback): void => {
    const desc = Object.getOwnPropertyDescriptor(owner, key);
    if (!desc || typeof desc.value !== 'function') return;
    const original = desc.value as Callback;
    const wrapped = make(original);
    for (const extra of Reflect.ownKeys(original)) {
      if (extra === 'length' || extra === 'name' || extra === 'prototype') continue;
      const d = Object.getOwnPropertyDescriptor(original, extra);
      if (d) Object.defineProperty(wrapped, extra, d);
    }
    disguise(wrapped, original);
    Object.defineProperty(owner, key, { ...desc, value: wrapped });
  };

  const safe = (make: () => Callback, callback: unknown): Callback | null => {
    if (typeof callback !== 'function') return null;
    try {
      return make();
    } catch {
      return null;
    }
  };

  const timerLike =
    (task: number, name: string, repeat: boolean) =>
    (original: Callback): Callback => {
      const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]): unknown {
        const delay = rest[0];
        const label = task === Task.immediate ? name : `${name} ${typeof delay === 'number' ? delay : 0} ms`;
        const job = safe(
          () =>
            schedule(
              task,
              label,
              callback as Callback,
              wrapped,
              repeat,
              task === Task.immediate ? '_onImmediate' : '_onTimeout',
            ),
          callback,
        );
        return ReflectApply(original, this, prepend(job ?? callback, rest));
      };
      return wrapped;
    };

  const globals = globalThis as unknown as Record<string, Callback>;
  const sameAsTimers = (key: 'setTimeout' | 'setInterval' | 'setImmediate'): boolean => globals[key] === timers[key];
  const timerApis: Array<['setTimeout' | 'setInterval' | 'setImmediate', number, boolean]> = [
    ['setTimeout', Task.timer, false],
    ['setInterval', Task.timer, true],
    ['setImmediate', Task.immediate, false],
  ];
  for (const [key, task, repeat] of timerApis) {
    const shared = sameAsTimers(key);
    replace(globals, key, timerLike(task, key, repeat));
    if (shared) {
      const desc = Object.getOwnPropertyDescriptor(timers, key);
      if (desc && desc.writable) Object.defineProperty(timers, key, { ...desc, value: globals[key] });
    }
  }

  replace(process as unknown as Record<string, Callback>, 'nextTick', (original) => {
    const wrapped = function (this: unknown, callback: unknown, ...args: unknown[]): unknown {
      const job = safe(
        () => schedule(Task.nextTick, 'process.nextTick', callback as Callback, wrapped, false, null),
        callback,
      );
      return ReflectApply(original, this, prepend(job ?? callback, args));
    };
    return wrapped;
  });

  replace(globals, 'queueMicrotask', (original) => {
    const wrapped = function (this: unknown, callback: unknown): unknown {
      const job = safe(
        () => schedule(Task.microtask, 'queueMicrotask', callback as Callback, wrapped, false, null),
        callback,
      );
      return ReflectApply(original, this, [job ?? callback]);
    };
    return wrapped;
  });
}
