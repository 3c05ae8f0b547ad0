import {
  ArrayBufferByteLength,
  BigIntValueOf,
  BooleanValueOf,
  FunctionToString,
  NumberValueOf,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  RegExpTest,
  StringIndexOf,
  StringStartsWith,
  StringValueOf,
  SymbolToString,
  SymbolValueOf,
  types,
} from './primordials';
import { primitiveText, quote } from './describeText';

/**
 * What a value is called (its class, its error head, a function's kind, a boxed primitive) read from
 * data properties and internal slots only: no getter, `toString` or proxy trap of the program runs.
 */

const ErrorPrototype = Error.prototype;
const TO_STRING_TAG: symbol = Symbol.toStringTag;
const FunctionPrototype = Function.prototype;
const ObjectPrototype = Object.prototype;

export const NONE = { value: undefined };

/** Own `value`: `'value' in desc` would also find one the program put on `Object.prototype`. */
export function isData(desc: PropertyDescriptor): boolean {
  return ObjectHasOwn(desc, 'value');
}

/** An own data property, or `NONE`; never a getter. */
export function ownData(target: object, key: string): { value: unknown } {
  try {
    const desc = ObjectGetOwnPropertyDescriptor(target, key);
    return desc !== undefined && isData(desc) ? { value: desc.value } : NONE;
  } catch {
    return NONE;
  }
}

export function enumerable(target: object, key: string): boolean {
  return ObjectGetOwnPropertyDescriptor(target, key)?.enumerable === true;
}

/** A data property found along the prototype chain (a getter or a proxy on the way ends the look). */
export function chainData(target: object, key: PropertyKey): unknown {
  let current: object | null = target;
  for (let depth = 0; current !== null && depth < 32; depth++) {
    if (types.isProxy(current)) return undefined;
    const desc = ObjectGetOwnPropertyDescriptor(current, key);
    if (desc) return isData(desc) ? desc.value : undefined;
    current = ObjectGetPrototypeOf(current) as object | null;
  }
  return undefined;
}

export function ownString(target: object, key: string): string {
  const found = ownData(target, key).value;
  return typeof found === 'string' ? found : '';
}

/**
 * The name of the class an object was made by: its prototype chain's first `constructor` data
 * property, whose own `name` data property names it. null for a null prototype; '' when the name is
 * not plain data (a `static get name()` is never run).
 */
export function constructorName(value: object): string | null {
  let current = ObjectGetPrototypeOf(value) as object | null;
  if (current === null) return null;
  for (let depth = 0; current !== null && depth < 32; depth++) {
    if (types.isProxy(current)) return '';
    const desc = ObjectGetOwnPropertyDescriptor(current, 'constructor');
    if (desc !== undefined)
      return isData(desc) && typeof desc.value === 'function' && !types.isProxy(desc.value)
        ? ownString(desc.value as object, 'name')
        : '';
    current = ObjectGetPrototypeOf(current) as object | null;
  }
  return '';
}

/** `Point`, `[Object: null prototype]`, `Object [Tag]`, or '' for a plain object. */
export function objectLabel(value: object): string {
  const ctor = constructorName(value);
  const tag = chainData(value, TO_STRING_TAG);
  const tagged = typeof tag === 'string' && tag !== '' && tag !== ctor ? ` [${tag}]` : '';
  if (ctor === null) return `[Object: null prototype]${tagged}`;
  if (ctor === 'Object' && ObjectGetPrototypeOf(value) === ObjectPrototype)
    return tagged === '' ? '' : `Object${tagged}`;
  // '' for an anonymous class, or one whose name is a getter (not run): no name is claimed.
  return ctor === '' ? (tagged === '' ? '' : `Object${tagged}`) : `${ctor}${tagged}`;
}

export function boxedText(value: object): string | null {
  if (types.isNumberObject(value)) return `[Number: ${primitiveText(NumberValueOf(value))}]`;
  if (types.isStringObject(value)) return `[String: ${quote(StringValueOf(value))}]`;
  if (types.isBooleanObject(value)) return `[Boolean: ${BooleanValueOf(value)}]`;
  if (types.isBigIntObject(value)) return `[BigInt: ${BigIntValueOf(value)}n]`;
  if (types.isSymbolObject(value)) return `[Symbol: ${SymbolToString(SymbolValueOf(value))}]`;
  return null;
}

/** An error to describe: a native one, or any object with `Error.prototype` in its chain (not a proxy). */
export function isErrorLike(value: object): boolean {
  if (types.isNativeError(value)) return true;
  for (let o = ObjectGetPrototypeOf(value) as object | null; o !== null; o = ObjectGetPrototypeOf(o) as object | null) {
    if (types.isProxy(o)) return false;
    if (o === ErrorPrototype) return true;
  }
  return false;
}

/**
 * `Name: message` from data properties only; `HttpError [Error]: message` when the class that made
 * it is not the name it carries (as `util.inspect` writes a subclass that sets no name).
 */
export function errorHead(value: object): string {
  const name = chainData(value, 'name');
  const message = chainData(value, 'message');
  let head = typeof name === 'string' && name ? name : 'Error';
  const ctor = constructorName(value);
  if (ctor && ctor !== head && StringIndexOf(head, ctor) < 0) head = `${ctor} [${head}]`;
  return typeof message === 'string' && message ? `${head}: ${message}` : head;
}

/** `[class A extends B]`, `[AsyncFunction: f]`, `[Function (anonymous)]`, from the engine's source text. */
export function functionHead(value: object): string {
  const name = ownString(value, 'name');
  let source = '';
  try {
    source = FunctionToString(value);
  } catch {
    // not a function the engine can print
  }
  if (StringStartsWith(source, 'class') && RegExpTest(/^class\b/, source)) {
    let head = `[class ${name || '(anonymous)'}`;
    const base = ObjectGetPrototypeOf(value) as object | null;
    if (base !== null && base !== FunctionPrototype)
      head += ` extends ${(typeof base === 'function' && ownString(base, 'name')) || '(anonymous)'}`;
    return head + ']';
  }
  const kind = types.isAsyncFunction(value)
    ? types.isGeneratorFunction(value)
      ? 'AsyncGeneratorFunction'
      : 'AsyncFunction'
    : types.isGeneratorFunction(value)
      ? 'GeneratorFunction'
      : 'Function';
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
}

/** `ArrayBuffer { byteLength: 8 }`; a SharedArrayBuffer's length is its own getter's, so it is left out. */
export function arrayBufferHead(value: object): string {
  const ctor = constructorName(value) ?? 'ArrayBuffer';
  let length = -1;
  try {
    length = ArrayBufferByteLength(value);
  } catch {
    // a SharedArrayBuffer: its own getter, not ArrayBuffer's
  }
  return length >= 0 ? `${ctor} { byteLength: ${length} }` : ctor;
}
