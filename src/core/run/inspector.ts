/**
 * Asking a running program to hand over what it recorded before it is killed. A program stuck in an
 * endless loop never yields to its event loop, so no signal handler or timer of the runtime can run;
 * Node's inspector can: its messages are handled in a V8 interrupt, between any two statements. The
 * runner starts the child with `--inspect-port=0` (the inspector stays closed), opens it with SIGUSR1
 * when a limit is reached, reads the `ws://` address Node prints on stderr, and evaluates one call of
 * the runtime's stop hook (`STOP_HOOK`), which writes every buffered record to disk and returns the
 * program's top frame. Then the runner kills the process group as before.
 *
 * A minimal WebSocket client over `node:http` (one text frame out, one in): the extension host's Node
 * has no `WebSocket` global.
 */
import { get, request } from 'node:http';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

/** Where the runtime keeps its stop hook: a symbol-keyed property of Node's `v8` module. */
export const STOP_HOOK = 'promise-lens.stop';

/** The line Node prints when the inspector opens. */
export const INSPECTOR_BANNER = /Debugger listening on (ws:\/\/[^\s]+)\r?\n/;
/** What Node prints after it: a help line, a client connected, a client left while the program runs. */
export const INSPECTOR_NOTES =
  /For help, see: https:\/\/nodejs\.org\/\S*inspector\S*\r?\n|Debugger attached\.\r?\n|Debugger ending on ws:\/\/\S+\r?\n|Waiting for the debugger to disconnect\.\.\.\r?\n/g;

/** What the stop hook returns: the program's top frame when it was running code, 1-based. */
export interface StopReport {
  stuckAt?: { file: string; line: number; column: number };
}

/**
 * Looks the runner takes at most while the interrupt keeps coming inside the tracer's own code, with
 * none of the program's frames under it (src/runtime/stop.ts), each one more interrupt a round trip
 * later. A program starving its event loop with microtasks gave that answer to 1 look in 15 at 1.5 s
 * into its run and 1 in 4 at 0.6 s (beside three busy loops): 20 looks all missing is beyond reach.
 */
export const STOP_LOOKS = 20;

/** Whether the hook's answer asks for another look: in the tracer's own code, no frame of the program found. */
export function looksAgain(text: string): boolean {
  try {
    const value = JSON.parse(text) as { inTracer?: unknown; stuckAt?: unknown } | null;
    return value?.inTracer === true && value.stuckAt === undefined;
  } catch {
    return false;
  }
}

/** The report as the program's process wrote it, kept only when it has the expected shape. */
export function readStopReport(text: string): StopReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  const at = (value as { stuckAt?: unknown } | null)?.stuckAt as Record<string, unknown> | undefined;
  if (typeof at !== 'object' || at === null) return {};
  const { file, line, column } = at;
  if (typeof file !== 'string' || typeof line !== 'number' || typeof column !== 'number') return {};
  return { stuckAt: { file, line, column } };
}

const EXPRESSION = `(() => { const hook = require('v8')[Symbol.for(${JSON.stringify(STOP_HOOK)})]; return typeof hook === 'function' ? hook() : null; })()`;

/**
 * Evaluates the runtime's stop hook over the inspector at `url`, again while it answers from between the
 * program's jobs (`looksAgain`, at most `STOP_LOOKS` times); rejects on any failure or after `ms`.
 */
export function callStopHook(url: string, ms: number): Promise<StopReport | null> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    let socket: Socket | undefined;
    const timer = setTimeout(() => fail(new Error(`no answer from the inspector in ${ms} ms`)), ms);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket?.destroy();
      reject(error);
    };
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Version': '13',
      },
    });
    req.on('error', fail);
    req.on('response', (res) => fail(new Error(`the inspector answered HTTP ${res.statusCode}`)));
    req.on('upgrade', (_res, upgraded: Socket, head: Buffer) => {
      socket = upgraded;
      socket.on('error', fail);
      let look = 1;
      const ask = (): void => {
        const message = {
          id: look,
          method: 'Runtime.evaluate',
          params: { expression: EXPRESSION, includeCommandLineAPI: true, returnByValue: true, silent: true },
        };
        upgraded.write(frame(JSON.stringify(message)));
      };
      ask();
      let buffered = head;
      const onData = (chunk: Buffer): void => {
        buffered = Buffer.concat([buffered, chunk]);
        for (;;) {
          const read = readFrame(buffered);
          if (!read) return;
          buffered = buffered.subarray(read.size);
          let answer: { id?: number; result?: { result?: { value?: unknown }; exceptionDetails?: unknown } };
          try {
            answer = JSON.parse(read.text) as typeof answer;
          } catch {
            continue;
          }
          if (answer.id !== look) continue;
          const value = answer.result?.result?.value;
          if (typeof value === 'string' && looksAgain(value) && look < STOP_LOOKS) {
            look++;
            ask();
            continue;
          }
          clearTimeout(timer);
          socket?.destroy();
          resolve(typeof value === 'string' ? readStopReport(value) : null);
          return;
        }
      };
      socket.on('data', onData);
      if (head.length > 0) onData(Buffer.alloc(0));
    });
    req.end();
  });
}

/** A TCP port free on 127.0.0.1 now, for an inspector that will open later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The WebSocket address of the inspector opening on `port`, from its `/json/list`, asked every 10 ms
 * until it answers (it opens a little after SIGUSR1); rejects after `ms`.
 */
export function inspectorUrl(port: number, ms: number): Promise<string> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const ask = (): void => {
      const retry = (): void => {
        if (Date.now() > until) reject(new Error(`the inspector did not open on port ${port}`));
        else setTimeout(ask, 10);
      };
      get({ host: '127.0.0.1', port, path: '/json/list', timeout: 500 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            const url = (JSON.parse(body) as { webSocketDebuggerUrl?: string }[])[0]?.webSocketDebuggerUrl;
            if (url) resolve(url);
            else retry();
          } catch {
            retry();
          }
        });
      }).on('error', retry);
    };
    ask();
  });
}

/** One masked text frame, as a client sends. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const length = payload.length;
  const header =
    length < 126 ? Buffer.from([0x81, 0x80 | length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  for (let i = 0; i < length; i++) payload[i] ^= mask[i & 3];
  return Buffer.concat([header, mask, payload]);
}

/** A whole unmasked frame from the server at the start of `data`, or undefined while it is incomplete. */
function readFrame(data: Buffer): { text: string; size: number } | undefined {
  if (data.length < 2) return undefined;
  let length = data[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (data.length < offset + length) return undefined;
  return { text: data.subarray(offset, offset + length).toString('utf8'), size: offset + length };
}
