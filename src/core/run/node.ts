/**
 * Which Node runs a traced program: the configured path, else `node` on PATH, else a fallback the
 * caller names (in VS Code, its own runtime with ELECTRON_RUN_AS_NODE=1). The choice is checked once
 * per executable: it must start and have `v8.promiseHooks`, which the tracer is built on.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { promiseHooks } from 'node:v8';
import { delimiter, isAbsolute, join } from 'node:path';

/** `v8.promiseHooks` arrived in Node 16.14 (and 17.1). */
export const MIN_NODE = { major: 16, minor: 14, text: '16.14' } as const;

export interface NodeRuntime {
  /** Executable to spawn. */
  command: string;
  /** Extra environment it needs (ELECTRON_RUN_AS_NODE for an Electron binary). */
  env: Record<string, string>;
  /** `process.version` of that executable, e.g. `v20.20.2`. */
  version: string;
  /** How it was chosen, for messages. */
  source: 'setting' | 'path' | 'fallback';
}

export interface NodeChoice {
  /** The user's setting or `--node`; empty or undefined means "not set". */
  configured?: string;
  /** Used when no `node` is on PATH. */
  fallback?: { command: string; env: Record<string, string> };
  /** PATH to search; defaults to the environment's. */
  searchPath?: string;
}

/** A clear, user-facing reason why no suitable Node was found. */
export class NodeNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeNotFound';
  }
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on a PATH, like `which node`. */
export function which(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

const PROBE = 'process.stdout.write(process.version + " " + typeof require("v8").promiseHooks)';
const probed = new Map<string, Promise<{ version: string; hooks: boolean }>>();

function probe(command: string, env: Record<string, string>): Promise<{ version: string; hooks: boolean }> {
  // The very Node this process runs on (the CLI started by the `node` on PATH): it answers for itself,
  // and a learner's trace does not wait for a second Node to start and say its version.
  if (isThisNode(command))
    return Promise.resolve({ version: process.version, hooks: typeof promiseHooks === 'object' });
  const key = `${command}\0${JSON.stringify(env)}\0${statSync(command).mtimeMs}`;
  let result = probed.get(key);
  if (!result) {
    result = new Promise((resolve, reject) => {
      execFile(
        command,
        ['-e', PROBE],
        { env: { ...process.env, ...env }, timeout: 15_000, windowsHide: true },
        (error, stdout) => {
          const match = /^(v\d+\.\d+\.\d+\S*) (\w+)/.exec(stdout);
          if (error || !match)
            reject(new NodeNotFound(`${command} did not run as Node (${error?.message ?? stdout.trim()}).`));
          else resolve({ version: match[1], hooks: match[2] === 'object' });
        },
      );
    });
    probed.set(key, result);
    result.catch(() => probed.delete(key));
  }
  return result;
}

function isThisNode(command: string): boolean {
  try {
    return realpathSync(command) === realpathSync(process.execPath);
  } catch {
    return false;
  }
}

export function isSupportedVersion(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 17) return minor >= 1;
  return major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor);
}

export async function findNode(choice: NodeChoice): Promise<NodeRuntime> {
  let command: string;
  let env: Record<string, string> = {};
  let source: NodeRuntime['source'];
  const configured = choice.configured?.trim();
  if (configured) {
    // A bare name ('node', 'node20') is looked up on PATH; anything else must be an absolute path.
    const found = isAbsolute(configured)
      ? configured
      : /[\\/]/.test(configured)
        ? undefined
        : which(configured, choice.searchPath);
    if (!found || !isExecutable(found)) {
      throw new NodeNotFound(
        `The Node set in promiseLens.nodePath, '${configured}', is not an executable file. Set an absolute path to node, or clear the setting.`,
      );
    }
    command = found;
    source = 'setting';
  } else {
    const onPath = which('node', choice.searchPath);
    if (onPath) {
      command = onPath;
      source = 'path';
    } else if (choice.fallback) {
      command = choice.fallback.command;
      env = choice.fallback.env;
      source = 'fallback';
    } else {
      throw new NodeNotFound(
        `No 'node' found on PATH. Install Node ${MIN_NODE.text} or later, or set promiseLens.nodePath.`,
      );
    }
  }
  const { version, hooks } = await probe(command, env);
  if (!isSupportedVersion(version) || !hooks) {
    throw new NodeNotFound(
      `${command} is Node ${version}; tracing needs Node ${MIN_NODE.text} or later (for v8.promiseHooks). Install a newer Node or set promiseLens.nodePath.`,
    );
  }
  return { command, env, version, source };
}
