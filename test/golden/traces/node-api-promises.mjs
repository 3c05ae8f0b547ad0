// The promise a Node API hands back (fs/promises, timers/promises, events.once, a promisified
// function) is the program's, though Node's code made it: shown, placed at the call. The promises Node
// makes inside stay hidden, and so does the one behind import(), which V8 answers with its own.
import { rm, readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEmitter, once } from 'node:events';
import { promisify } from 'node:util';
import { access } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = join(tmpdir(), `promise-lens-golden-${process.pid}.txt`);
await writeFile(file, 'abc');
const text = await readFile(file, 'utf8');
const found = await promisify(access)(file);
await rm(file);
await sleep(1);
const emitter = new EventEmitter();
setTimeout(() => emitter.emit('ready', 'go'), 1);
const [signal] = await once(emitter, 'ready');
const path = await import('node:path');
console.log(text, found, signal, typeof path.join);
