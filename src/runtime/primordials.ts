import * as asyncHooks from 'async_hooks';
import { EventEmitter } from 'events';
import * as fs from 'fs';
import * as url from 'url';
import { performance } from 'perf_hooks';
import { Worker } from 'worker_threads';
import * as util from 'util';
import * as v8 from 'v8';

/**
 * The builtins the runtime calls while the program runs, taken when the runtime loads, before any of
 * the program's code, as Node's own internals do with their "primordials". A program may patch
 * `Array.prototype.push`, `Map.prototype.get`, `Reflect.apply`, `util.inspect`, `performance.now` or
 * `fs.writeSync`; the runtime must never call the program's versions, which would see calls plain
 * `node` does not make, or could break the recording.
 *
 * So, in the runtime's code that runs after start-up: builtin methods are called through these,
 * collections are the Safe ones, and there is no `for...of`, spread or array destructuring over
 * arrays, nor a derived class without its own constructor (they call the array iterator, which a
 * program can patch too).
 */

const { bind, call } = Function.prototype;
/** `uncurryThis(Array.prototype.push)(array, x)` is `array.push(x)` with the original method. */
const uncurryThis = bind.bind(call) as <T, A extends unknown[], R>(
  fn: (this: T, ...args: A) => R,
) => (self: T, ...args: A) => R;

export const ReflectApply = Reflect.apply;
export const ReflectOwnKeys = Reflect.ownKeys;
export const ReflectDeleteProperty = Reflect.deleteProperty;
export const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const ObjectDefineProperty = Object.defineProperty;
export const ObjectGetPrototypeOf = Object.getPrototypeOf;
export const ObjectIsExtensible = Object.isExtensible;
export const ObjectCreate = Object.create;
export const ObjectIs = Object.is;
export const ObjectHasOwn = uncurryThis(Object.prototype.hasOwnProperty) as (
  target: object,
  key: PropertyKey,
) => boolean;
export const ArrayIsArray = Array.isArray;
export const ArrayBufferIsView = ArrayBuffer.isView;
export const ArrayPush = uncurryThis(Array.prototype.push) as <T>(array: T[], ...items: T[]) => number;
export const TypedArraySet = uncurryThis((ObjectGetPrototypeOf(Uint8Array.prototype) as Uint8Array).set) as (
  target: Uint8Array,
  source: ArrayLike<number>,
  offset?: number,
) => void;
export const ArrayPop = uncurryThis(Array.prototype.pop) as <T>(array: T[]) => T | undefined;
export const StringStartsWith = uncurryThis(String.prototype.startsWith);
export const StringEndsWith = uncurryThis(String.prototype.endsWith);
export const StringSlice = uncurryThis(String.prototype.slice);
export const StringIndexOf = uncurryThis(String.prototype.indexOf);
export const StringLastIndexOf = uncurryThis(String.prototype.lastIndexOf);
export const StringTrim = uncurryThis(String.prototype.trim);
export const StringTrimStart = uncurryThis(String.prototype.trimStart);
export const StringTrimEnd = uncurryThis(String.prototype.trimEnd);
export const StringSplit = uncurryThis(String.prototype.split) as unknown as (
  text: string,
  separator: string,
  limit?: number,
) => string[];
export const StringCtor = String;
export const Uint8ArrayCtor = Uint8Array;
export const Int32ArrayCtor = Int32Array;
export const SharedArrayBufferCtor = SharedArrayBuffer;
export const AtomicsStore = Atomics.store;
export const AtomicsLoad = Atomics.load;
export const AtomicsCompareExchange = Atomics.compareExchange;
export const AtomicsWait = Atomics.wait;
export const AtomicsNotify = Atomics.notify;
export const ArrayCtor = Array;
export const SymbolToString = uncurryThis(Symbol.prototype.toString);
export const SymbolDescription = getterOf<string | undefined>(Symbol.prototype, 'description') as unknown as (
  symbol: symbol,
) => string | undefined;
export const RegExpExec = uncurryThis(RegExp.prototype.exec);
/** `re.test(text)` with the original `exec` (`test` looks `exec` up on the regex). */
export const RegExpTest = (re: RegExp, text: string): boolean => RegExpExec(re, text) !== null;
export const MathRound = Math.round;
export const MathFloor = Math.floor;
export const MathCeil = Math.ceil;
export const MathMin = Math.min;
export const MathMax = Math.max;
export const JSONStringify = JSON.stringify;

export const ErrorCaptureStackTrace = Error.captureStackTrace;
export const EventEmitterOn = uncurryThis(EventEmitter.prototype.on) as (
  emitter: NodeJS.EventEmitter,
  event: string,
  listener: (...args: unknown[]) => void,
) => NodeJS.EventEmitter;
export const WorkerCtor = Worker;
export const WorkerUnref = uncurryThis(Worker.prototype.unref) as (worker: Worker) => void;
export const EventEmitterListenerCount = uncurryThis(EventEmitter.prototype.listenerCount) as (
  emitter: NodeJS.EventEmitter,
  name: string,
) => number;
export const fileURLToPath = url.fileURLToPath;

export const inspect = util.inspect;
export const types = {
  isProxy: util.types.isProxy,
  isPromise: util.types.isPromise,
  isNativeError: util.types.isNativeError,
  isMap: util.types.isMap,
  isSet: util.types.isSet,
  isWeakMap: util.types.isWeakMap,
  isWeakSet: util.types.isWeakSet,
  isMapIterator: util.types.isMapIterator,
  isSetIterator: util.types.isSetIterator,
  isUint8Array: util.types.isUint8Array,
  isTypedArray: util.types.isTypedArray,
  isAnyArrayBuffer: util.types.isAnyArrayBuffer,
  isDate: util.types.isDate,
  isRegExp: util.types.isRegExp,
  isNumberObject: util.types.isNumberObject,
  isStringObject: util.types.isStringObject,
  isBooleanObject: util.types.isBooleanObject,
  isBigIntObject: util.types.isBigIntObject,
  isSymbolObject: util.types.isSymbolObject,
  isAsyncFunction: util.types.isAsyncFunction,
  isGeneratorFunction: util.types.isGeneratorFunction,
  isModuleNamespaceObject: util.types.isModuleNamespaceObject,
  isArgumentsObject: util.types.isArgumentsObject,
};

/** A builtin getter, called on `self` directly: it reads internal slots and runs no user code. */
function getterOf<T>(proto: object, key: string): (self: object) => T {
  const get = (ObjectGetOwnPropertyDescriptor(proto, key) as PropertyDescriptor).get as (this: object) => T;
  return uncurryThis(get) as (self: object) => T;
}
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype) as object;
export const MapSize = getterOf<number>(Map.prototype, 'size');
export const SetSize = getterOf<number>(Set.prototype, 'size');
export const MapEntries = uncurryThis(Map.prototype.entries) as (map: object) => object;
export const SetValues = uncurryThis(Set.prototype.values) as (set: object) => object;
export const MapIteratorNext = uncurryThis(
  (ObjectGetPrototypeOf(new Map().entries()) as { next(): IteratorResult<unknown> }).next,
) as (it: object) => IteratorResult<unknown>;
export const SetIteratorNext = uncurryThis(
  (ObjectGetPrototypeOf(new Set().values()) as { next(): IteratorResult<unknown> }).next,
) as (it: object) => IteratorResult<unknown>;
export const TypedArrayLength = getterOf<number>(TypedArrayPrototype, 'length');
export const TypedArrayTag = getterOf<string | undefined>(TypedArrayPrototype, Symbol.toStringTag as unknown as string);
export const ArrayBufferByteLength = getterOf<number>(ArrayBuffer.prototype, 'byteLength');
export const DateGetTime = uncurryThis(Date.prototype.getTime) as (date: object) => number;
export const DateToISOString = uncurryThis(Date.prototype.toISOString) as (date: object) => string;
export const RegExpSource = getterOf<string>(RegExp.prototype, 'source');
export const RegExpFlagGetters: ReadonlyArray<readonly [string, (re: object) => boolean]> = (() => {
  const out: Array<readonly [string, (re: object) => boolean]> = [];
  const flags: Array<[string, string]> = [
    ['d', 'hasIndices'],
    ['g', 'global'],
    ['i', 'ignoreCase'],
    ['m', 'multiline'],
    ['s', 'dotAll'],
    ['u', 'unicode'],
    ['v', 'unicodeSets'],
    ['y', 'sticky'],
  ];
  for (let i = 0; i < flags.length; i++) {
    if (ObjectGetOwnPropertyDescriptor(RegExp.prototype, flags[i][1])?.get)
      out[out.length] = [flags[i][0], getterOf<boolean>(RegExp.prototype, flags[i][1])];
  }
  return out;
})();
export const NumberValueOf = uncurryThis(Number.prototype.valueOf) as (n: object) => number;
export const StringValueOf = uncurryThis(String.prototype.valueOf) as (s: object) => string;
export const BooleanValueOf = uncurryThis(Boolean.prototype.valueOf) as (b: object) => boolean;
export const BigIntValueOf = uncurryThis(BigInt.prototype.valueOf) as (b: object) => bigint;
export const SymbolValueOf = uncurryThis(Symbol.prototype.valueOf) as (s: object) => symbol;
export const FunctionToString = uncurryThis(Function.prototype.toString) as (fn: object) => string;
export const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
export const StringPadStart = uncurryThis(String.prototype.padStart);
export const NumberToString = uncurryThis(Number.prototype.toString) as (n: number, radix?: number) => string;
export const executionAsyncId = asyncHooks.executionAsyncId;
export const executionAsyncResource = asyncHooks.executionAsyncResource;
export const now = performance.now.bind(performance) as () => number;
export const SetInterval = setInterval;
export const ClearInterval = clearInterval;
/** About 0.5 µs a call: the writer looks only every few thousand records (src/runtime/writer.ts). */
export const v8GetHeapStatistics = v8.getHeapStatistics;
export const fsOpenSync = fs.openSync;
export const fsCloseSync = fs.closeSync;
export const fsWriteSync = fs.writeSync;
export const fsWritevSync = fs.writevSync;
export const BufferFrom = Buffer.from;
export const BufferByteLength = Buffer.byteLength;
export const fsWriteFileSync = fs.writeFileSync;
export const fsReaddirSync = fs.readdirSync;
export const fsReadFileSync = fs.readFileSync;
export const fsRealpathSync = fs.realpathSync;
export const ProcessKill = process.kill.bind(process);
export const ProcessPid = process.pid;
export const BufferAllocUnsafe = Buffer.allocUnsafe;
export const BufferToString = uncurryThis(Buffer.prototype.toString) as (
  buffer: Buffer,
  encoding?: BufferEncoding,
) => string;
/** Writes `text` as UTF-8 at `offset`; returns the bytes written. */
export const BufferUtf8Write = uncurryThis(
  (Buffer.prototype as unknown as { utf8Write: (text: string, offset: number) => number }).utf8Write,
) as (buffer: Buffer, text: string, offset: number) => number;
export const BufferWriteUInt32LE = uncurryThis(Buffer.prototype.writeUInt32LE) as (
  buffer: Buffer,
  value: number,
  offset?: number,
) => number;

/** Gives `safe` the builtin's own methods, so that patching the builtin's prototype does not reach it. */
function keepMethods(builtin: object, safe: object): void {
  const keys = ReflectOwnKeys(builtin);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === 'constructor') continue;
    const desc = ObjectGetOwnPropertyDescriptor(builtin, keys[i]);
    if (desc !== undefined) ObjectDefineProperty(safe, keys[i], desc);
  }
}

// Explicit constructors: V8's default one for a derived class spreads its arguments (array iterator).
export class SafeMap<K, V> extends Map<K, V> {
  constructor(entries?: readonly (readonly [K, V])[]) {
    super(entries);
  }
}
export class SafeSet<T> extends Set<T> {
  constructor(values?: readonly T[]) {
    super(values);
  }
}
export class SafeWeakMap<K extends object, V> extends WeakMap<K, V> {
  constructor() {
    super();
  }
}
keepMethods(Map.prototype, SafeMap.prototype);
keepMethods(Set.prototype, SafeSet.prototype);
keepMethods(WeakMap.prototype, SafeWeakMap.prototype);

/** `[first, ...rest]` without the array iterator. */
export function prepend<T>(first: T, rest: ArrayLike<T>): T[] {
  const out: T[] = [first];
  for (let i = 0; i < rest.length; i++) out[i + 1] = rest[i];
  return out;
}
