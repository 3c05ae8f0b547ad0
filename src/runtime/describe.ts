import type { PromiseDetails } from './intrinsics';
import type { ValueType } from '../wire/recording';
import {
  ArrayBufferByteLength,
  ArrayIsArray,
  ArrayPush,
  BigIntValueOf,
  BooleanValueOf,
  DateGetTime,
  DateToISOString,
  FunctionToString,
  JSONStringify,
  MapEntries,
  MapIteratorNext,
  MapSize,
  NumberValueOf,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  ObjectIs,
  ReflectOwnKeys,
  RegExpFlagGetters,
  RegExpSource,
  RegExpTest,
  SafeMap,
  SetIteratorNext,
  SetSize,
  SetValues,
  StringCharCodeAt,
  StringCtor,
  StringIndexOf,
  StringSlice,
  StringStartsWith,
  StringValueOf,
  SymbolToString,
  SymbolValueOf,
  TypedArrayLength,
  TypedArrayTag,
  types,
} from './primordials';

/**
 * A value described to a useful depth without running any of the program's code: the one-line text
 * people read (written the way `util.inspect` writes it, without stacks) and the same value as a
 * tree the timeline can unfold. Nothing is read but own property descriptors (a getter is shown as
 * `[Getter]`, never called), builtins' own internal slots through the methods taken at start-up
 * (a Map's entries, a Date's time), and Node's own views of proxies, arrays and promises when
 * given (`Peek`). No `toString`, `name` getter, `Symbol.toStringTag` getter, proxy trap or patched
 * builtin runs, and `util.inspect` is not called at all.
 *
 * Bounded for scale: at most `NODES` values are looked at (a node past the budget is counted in its
 * parent's `more`), `DEPTH` levels, `SHOWN` elements of an array, Map or Set, `KEYS` properties of an
 * object, `STRING_MAX` characters of a string; the text stops growing at `TEXT_MAX`.
 */

export const DEPTH = 4;
export const NODES = 60;
export const SHOWN = 10;
export const KEYS = 20;
export const STRING_MAX = 120;
/** Longest text of the whole value, and of one node of the tree. */
export const TEXT_MAX = 400;
export const NODE_TEXT_MAX = 160;

/** The preview types (`src/wire/recording.ts`); `date`, `regexp`, `map` and `set` are told by their internal slots, never by text. */
export type PreviewType = ValueType;

/** Node's views of a proxy's target and handler and of an array's named keys (a Map's entries need none). */
export interface Peek {
  proxyParts?: (value: object) => [unknown, unknown] | undefined;
  nonIndexKeys?: (value: object) => PropertyKey[];
}

/** Node's views, and its promise details to show a promise inside a value. */
export interface DescribeViews extends Peek {
  promise?: PromiseDetails | null;
}

/** One value of the tree; `children` only on values that hold others. */
interface Node {
  key: string | null;
  type: PreviewType;
  /** Written before the children: `Map(2)`, `Point`, `Error: boom`; '' for a plain object or array. */
  label: string;
  /** The whole node on one line, as in the text. */
  text: string;
  children: Node[] | null;
  /** Children not shown (past the shown length, or the budget). */
  more: number;
  /** `[` … `]` or `{` … `}` around the children in the text. */
  brackets: 0 | 1;
  ref: number;
}

export interface Description {
  type: PreviewType;
  text: string;
  cut: boolean;
  /** The tree as JSON (see `ValueNode` in the model), or '' when the value holds nothing to unfold. */
  tree: string;
}

const ErrorPrototype = Error.prototype;
const TO_STRING_TAG: symbol = Symbol.toStringTag;
const FunctionPrototype = Function.prototype;
const ObjectPrototype = Object.prototype;

export function describe(value: unknown, views: DescribeViews = {}): Description {
  const walk = new Walk(views);
  const root = walk.node(value, null, 0);
  let text = root.text;
  const cut = text.length > TEXT_MAX;
  if (cut) text = StringSlice(text, 0, TEXT_MAX);
  return { type: root.type, text, cut, tree: root.children === null ? '' : treeJson(root) };
}

/** The text of a primitive, as `util.inspect` writes it. */
export function primitiveText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return ObjectIs(value, -0) ? '-0' : StringCtor(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return SymbolToString(value);
    default:
      return StringCtor(value);
  }
}

class Walk {
  private budget = NODES;
  /** The objects on the path from the root, with the reference number given when one is met again. */
  private readonly path = new SafeMap<object, Node>();
  private refs = 0;

  constructor(private readonly views: DescribeViews) {}

  node(value: unknown, key: string | null, depth: number): Node {
    this.budget--;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
      return leaf(key, primitiveType(value), primitiveText(value));
    }
    const seen = this.path.get(value);
    if (seen !== undefined) {
      if (seen.ref === 0) seen.ref = ++this.refs;
      return leaf(key, seen.type, `[Circular *${seen.ref}]`);
    }
    const node = leaf(key, 'object', '');
    this.path.set(value, node);
    try {
      this.fill(node, value, depth);
    } catch {
      // A descriptor that cannot be read (a module namespace before its evaluation).
      node.children = null;
      node.text = node.label || '[Object]';
    } finally {
      this.path.delete(value);
    }
    if (node.ref !== 0) node.text = `<ref *${node.ref}> ${node.text}`;
    return node;
  }

  private fill(node: Node, value: object, depth: number): void {
    const views = this.views;
    if (types.isProxy(value)) {
      node.type = typeof value === 'function' ? 'function' : 'object';
      const parts = views.proxyParts?.(value);
      if (parts === undefined || depth >= DEPTH) {
        node.text = typeof value === 'function' ? 'Proxy [Function]' : 'Proxy [Object]';
        return;
      }
      node.label = 'Proxy';
      node.brackets = 0;
      node.children = [];
      this.add(node, parts[0], 'target', depth);
      this.add(node, parts[1], 'handler', depth);
      this.close(node, true);
      return;
    }
    if (typeof value === 'function') return this.fn(node, value, depth);
    if (isErrorLike(value)) return this.error(node, value, depth);
    if (ArrayIsArray(value)) return this.array(node, value, depth);
    if (types.isTypedArray(value)) return this.typed(node, value as unknown as ArrayLike<unknown>, depth);
    if (types.isMap(value) || types.isSet(value))
      return this.collection(node, value as Map<unknown, unknown> | Set<unknown>, depth);
    if (types.isDate(value)) {
      node.type = 'date';
      const time = DateGetTime(value);
      return this.plain(node, value, depth, time === time ? DateToISOString(value) : 'Invalid Date');
    }
    if (types.isRegExp(value)) {
      node.type = 'regexp';
      let flags = '';
      for (let i = 0; i < RegExpFlagGetters.length; i++)
        if (RegExpFlagGetters[i][1](value)) flags += RegExpFlagGetters[i][0];
      return this.plain(node, value, depth, `/${RegExpSource(value)}/${flags}`);
    }
    if (types.isPromise(value)) return this.promise(node, value as Promise<unknown>, depth);
    const boxed = boxedText(value);
    if (boxed !== null) return this.plain(node, value, depth, boxed);
    if (types.isAnyArrayBuffer(value)) {
      const ctor = constructorName(value) ?? 'ArrayBuffer';
      let length = -1;
      try {
        length = ArrayBufferByteLength(value);
      } catch {
        // a SharedArrayBuffer: its own getter, not ArrayBuffer's
      }
      return this.plain(node, value, depth, length >= 0 ? `${ctor} { byteLength: ${length} }` : ctor);
    }
    if (types.isWeakMap(value) || types.isWeakSet(value))
      return this.plain(node, value, depth, `${constructorName(value) ?? 'WeakMap'} { <items unknown> }`);
    this.plain(node, value, depth, null);
  }

  /** Own enumerable properties, after `head` (a Date's time, a boxed value) when there is one. */
  private plain(node: Node, value: object, depth: number, head: string | null): void {
    // A String object's characters are its head, not properties.
    const namedOnly = types.isStringObject(value);
    let label = head ?? objectLabel(value);
    if (types.isModuleNamespaceObject(value)) label = '[Module: null prototype]';
    else if (types.isArgumentsObject(value)) label = '[Arguments]';
    if (depth >= DEPTH) {
      node.text = head ?? `[${constructorName(value) ?? 'Object'}]`;
      return;
    }
    node.label = label;
    node.brackets = 1;
    node.children = [];
    this.properties(node, value, depth, null, namedOnly);
    if (head !== null && node.children.length === 0 && node.more === 0) {
      node.children = null;
      node.text = head;
      return;
    }
    this.close(node, false);
  }

  private fn(node: Node, value: object, depth: number): void {
    node.type = 'function';
    const name = ownString(value, 'name');
    let head: string;
    let source = '';
    try {
      source = FunctionToString(value);
    } catch {
      // not a function the engine can print
    }
    if (StringStartsWith(source, 'class') && RegExpTest(/^class\b/, source)) {
      head = `[class ${name || '(anonymous)'}`;
      const base = ObjectGetPrototypeOf(value) as object | null;
      if (base !== null && base !== FunctionPrototype)
        head += ` extends ${(typeof base === 'function' && ownString(base, 'name')) || '(anonymous)'}`;
      head += ']';
    } else {
      const kind = types.isAsyncFunction(value)
        ? types.isGeneratorFunction(value)
          ? 'AsyncGeneratorFunction'
          : 'AsyncFunction'
        : types.isGeneratorFunction(value)
          ? 'GeneratorFunction'
          : 'Function';
      head = name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
    }
    if (depth >= DEPTH) {
      node.text = head;
      return;
    }
    node.label = head;
    node.brackets = 1;
    node.children = [];
    this.properties(node, value, depth, FUNCTION_KEYS);
    if (node.children.length === 0 && node.more === 0) {
      node.children = null;
      node.text = head;
      return;
    }
    this.close(node, false);
  }

  /** `Name: message`, then its own enumerable properties, its `cause` and an AggregateError's `errors`. */
  private error(node: Node, value: object, depth: number): void {
    node.type = 'error';
    const head = errorHead(value);
    if (depth >= DEPTH) {
      node.text = `[${head}]`;
      return;
    }
    node.label = head;
    node.brackets = 1;
    node.children = [];
    this.properties(node, value, depth, ERROR_KEYS);
    const cause = ownData(value, 'cause');
    if (cause !== NONE && !enumerable(value, 'cause')) this.add(node, cause.value, '[cause]', depth);
    const errors = ownData(value, 'errors');
    if (errors !== NONE && !enumerable(value, 'errors')) this.add(node, errors.value, '[errors]', depth);
    if (node.children.length === 0 && node.more === 0) {
      node.children = null;
      node.text = head;
      return;
    }
    this.close(node, false);
  }

  private array(node: Node, value: unknown[], depth: number): void {
    node.type = 'array';
    const length = value.length;
    const ctor = constructorName(value);
    const label = ctor === 'Array' ? '' : ctor === null ? `[Array(${length}): null prototype]` : `${ctor}(${length})`;
    if (depth >= DEPTH) {
      node.text = label === '' ? '[Array]' : `[${ctor ?? 'Array'}]`;
      return;
    }
    node.label = label;
    node.brackets = 0;
    node.children = [];
    let i = 0;
    let holes = 0;
    // Holes are counted a bounded way: a sparse array of a million empty slots is not walked.
    for (; i < length && node.children.length < SHOWN && i < SHOWN * 100; i++) {
      const desc = ObjectGetOwnPropertyDescriptor(value, i);
      if (desc === undefined) {
        holes++;
        continue;
      }
      if (holes > 0) {
        ArrayPush(node.children, leaf(null, 'undefined', `<${holes} empty item${holes > 1 ? 's' : ''}>`));
        holes = 0;
      }
      this.addDescriptor(node, desc, StringCtor(i), depth);
    }
    if (holes > 0) ArrayPush(node.children, leaf(null, 'undefined', `<${holes} empty item${holes > 1 ? 's' : ''}>`));
    node.more += length - i;
    this.properties(node, value, depth, null, true);
    this.close(node, true);
  }

  private typed(node: Node, value: ArrayLike<unknown>, depth: number): void {
    node.type = 'object';
    const length = TypedArrayLength(value as unknown as object);
    const head = `${TypedArrayTag(value as unknown as object) ?? 'TypedArray'}(${length})`;
    if (depth >= DEPTH) {
      node.text = `[${head}]`;
      return;
    }
    node.label = head;
    node.brackets = 0;
    node.children = [];
    let i = 0;
    // Elements of a typed array are numbers (or bigints), read from its buffer: no getter, no prototype.
    for (; i < length && i < SHOWN; i++)
      ArrayPush(
        node.children,
        leaf(StringCtor(i), typeof value[i] === 'bigint' ? 'bigint' : 'number', primitiveText(value[i])),
      );
    node.more += length - i;
    this.budget -= i;
    this.close(node, true);
  }

  private collection(node: Node, value: Map<unknown, unknown> | Set<unknown>, depth: number): void {
    const map = types.isMap(value);
    node.type = map ? 'map' : 'set';
    const size = map ? MapSize(value) : SetSize(value);
    const ctor = constructorName(value) ?? (map ? 'Map' : 'Set');
    const head = `${ctor}(${size})`;
    if (depth >= DEPTH) {
      node.text = `[${head}]`;
      return;
    }
    node.label = head;
    node.brackets = 1;
    node.children = [];
    // Builtin iterators over the internal table, taken at start-up: no user code, stopped early.
    const it = map ? MapEntries(value) : SetValues(value);
    let shown = 0;
    for (; shown < SHOWN && this.budget > 0; shown++) {
      const step = map ? MapIteratorNext(it) : SetIteratorNext(it);
      if (step.done) break;
      if (map) {
        const entry = step.value as [unknown, unknown];
        const k = this.node(entry[0], null, depth + 1);
        this.add(node, entry[1], k.text, depth);
      } else this.add(node, step.value, null, depth);
    }
    node.more += size - shown;
    this.properties(node, value, depth, null);
    this.close(node, false);
  }

  private promise(node: Node, value: Promise<unknown>, depth: number): void {
    node.type = 'promise';
    const found = this.views.promise?.(value);
    node.label = 'Promise';
    node.brackets = 1;
    if (found === undefined) {
      node.text = 'Promise { <unknown> }';
      return;
    }
    if (found[0] === 0) {
      node.text = 'Promise { <pending> }';
      return;
    }
    if (depth >= DEPTH) {
      node.text = '[Promise]';
      return;
    }
    node.children = [];
    this.add(node, found[1], found[0] === 2 ? '<rejected>' : '<fulfilled>', depth);
    this.properties(node, value, depth, null);
    this.close(node, false);
  }

  /** Own enumerable properties (named keys only for arrays), skipping `skip` and what the budget leaves out. */
  private properties(
    node: Node,
    value: object,
    depth: number,
    skip: readonly string[] | null,
    namedOnly = false,
  ): void {
    const children = node.children as Node[];
    let keys: PropertyKey[];
    if (namedOnly) {
      const named = this.views.nonIndexKeys?.(value);
      if (named !== undefined) keys = named;
      else if ((value as unknown[]).length > 10_000) return;
      else keys = ReflectOwnKeys(value);
    } else keys = ReflectOwnKeys(value);
    let shown = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key === 'string') {
        if (namedOnly && RegExpTest(/^(0|[1-9]\d*)$/, key)) continue;
        if (skip !== null && includes(skip, key)) continue;
      }
      // An error's `stack` formats when its descriptor is read (and is shown as the error's head).
      if (key === 'stack' && isErrorLike(value)) continue;
      let desc: PropertyDescriptor | undefined;
      try {
        desc = ObjectGetOwnPropertyDescriptor(value, key);
      } catch {
        // a module namespace binding before its evaluation, a stack whose formatting was refused
        ArrayPush(children, leaf(keyText(key), 'undefined', '<uninitialized>'));
        continue;
      }
      if (desc === undefined || !desc.enumerable) continue;
      if (shown >= KEYS || this.budget <= 0) {
        node.more++;
        continue;
      }
      shown++;
      this.addDescriptor(node, desc, keyText(key), depth);
    }
  }

  private addDescriptor(node: Node, desc: PropertyDescriptor, key: string, depth: number): void {
    if (!isData(desc)) {
      const text = desc.get !== undefined ? (desc.set !== undefined ? '[Getter/Setter]' : '[Getter]') : '[Setter]';
      ArrayPush(node.children as Node[], leaf(key, 'function', text));
      this.budget--;
      return;
    }
    this.add(node, desc.value, key, depth);
  }

  private add(node: Node, value: unknown, key: string | null, depth: number): void {
    if (this.budget <= 0) {
      node.more++;
      return;
    }
    ArrayPush(node.children as Node[], this.node(value, key, depth + 1));
  }

  /** The node's text from its label and children, stopped once it is longer than the whole text may be. */
  private close(node: Node, array: boolean): void {
    const children = node.children as Node[];
    const open = node.brackets === 0 ? '[' : '{';
    const shut = node.brackets === 0 ? ']' : '}';
    const head = node.label === '' ? '' : `${node.label} `;
    if (children.length === 0 && node.more === 0) {
      node.text = `${head}${open}${shut}`;
      return;
    }
    let text = `${head}${open} `;
    let more = node.more;
    for (let i = 0; i < children.length; i++) {
      if (text.length > TEXT_MAX) {
        more += children.length - i;
        break;
      }
      const child = children[i];
      const sep = node.type === 'map' ? ' => ' : ': ';
      // In brackets (an array, a typed array, a proxy's target and handler) only named keys are written.
      const named = child.key !== null && !(array && (node.label === 'Proxy' || RegExpTest(/^\d+$/, child.key)));
      // A promise's value is written `Promise { 5 }`, `Promise { <rejected> Error: x }`.
      const prefix =
        node.type === 'promise' && i === 0
          ? child.key === '<rejected>'
            ? '<rejected> '
            : ''
          : named
            ? child.key + sep
            : '';
      text += `${i > 0 ? ', ' : ''}${prefix}${child.text}`;
    }
    if (more > 0) text += `${children.length > 0 ? ', ' : ''}... ${more} more item${more > 1 ? 's' : ''}`;
    node.text = `${text} ${shut}`;
  }
}

const FUNCTION_KEYS = ['name', 'length', 'prototype'] as const;
/** Shown in the error's head (`name` and `message`) or not at all (`stack`). */
const ERROR_KEYS = ['name', 'message', 'stack'] as const;

function includes(list: readonly string[], key: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === key) return true;
  return false;
}

function leaf(key: string | null, type: PreviewType, text: string): Node {
  return { key, type, label: '', text, children: null, more: 0, brackets: 1, ref: 0 };
}

function primitiveType(value: unknown): PreviewType {
  if (value === null) return 'null';
  return typeof value as PreviewType;
}

const NONE = { value: undefined };

/** Own `value`: `'value' in desc` would also find one the program put on `Object.prototype`. */
function isData(desc: PropertyDescriptor): boolean {
  return ObjectHasOwn(desc, 'value');
}

/** An own data property, or `NONE`; never a getter. */
function ownData(target: object, key: string): { value: unknown } {
  try {
    const desc = ObjectGetOwnPropertyDescriptor(target, key);
    return desc !== undefined && isData(desc) ? { value: desc.value } : NONE;
  } catch {
    return NONE;
  }
}

function enumerable(target: object, key: string): boolean {
  return ObjectGetOwnPropertyDescriptor(target, key)?.enumerable === true;
}

/** A data property found along the prototype chain (a getter or a proxy on the way ends the look). */
function chainData(target: object, key: PropertyKey): unknown {
  let current: object | null = target;
  for (let depth = 0; current !== null && depth < 32; depth++) {
    if (types.isProxy(current)) return undefined;
    const desc = ObjectGetOwnPropertyDescriptor(current, key);
    if (desc) return isData(desc) ? desc.value : undefined;
    current = ObjectGetPrototypeOf(current) as object | null;
  }
  return undefined;
}

function ownString(target: object, key: string): string {
  const found = ownData(target, key).value;
  return typeof found === 'string' ? found : '';
}

/**
 * The name of the class an object was made by: its prototype chain's first `constructor` data
 * property, whose own `name` data property names it. null for a null prototype; '' when the name is
 * not plain data (a `static get name()` is never run).
 */
function constructorName(value: object): string | null {
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
function objectLabel(value: object): string {
  const ctor = constructorName(value);
  const tag = chainData(value, TO_STRING_TAG);
  const tagged = typeof tag === 'string' && tag !== '' && tag !== ctor ? ` [${tag}]` : '';
  if (ctor === null) return `[Object: null prototype]${tagged}`;
  if (ctor === 'Object' && ObjectGetPrototypeOf(value) === ObjectPrototype)
    return tagged === '' ? '' : `Object${tagged}`;
  // '' for an anonymous class, or one whose name is a getter (not run): no name is claimed.
  return ctor === '' ? (tagged === '' ? '' : `Object${tagged}`) : `${ctor}${tagged}`;
}

function boxedText(value: object): string | null {
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
function errorHead(value: object): string {
  const name = chainData(value, 'name');
  const message = chainData(value, 'message');
  let head = typeof name === 'string' && name ? name : 'Error';
  const ctor = constructorName(value);
  if (ctor && ctor !== head && StringIndexOf(head, ctor) < 0) head = `${ctor} [${head}]`;
  return typeof message === 'string' && message ? `${head}: ${message}` : head;
}

function keyText(key: PropertyKey): string {
  if (typeof key === 'symbol') return `[${SymbolToString(key)}]`;
  return RegExpTest(/^[A-Za-z_][A-Za-z_0-9]*$/, key as string) ? (key as string) : quote(key as string);
}

/** A string quoted and escaped as `util.inspect` writes it, cut to `STRING_MAX` characters. */
function quote(text: string): string {
  let rest = 0;
  if (text.length > STRING_MAX) {
    rest = text.length - STRING_MAX;
    text = StringSlice(text, 0, STRING_MAX);
  }
  let q = "'";
  if (StringIndexOf(text, "'") >= 0) {
    if (StringIndexOf(text, '"') < 0) q = '"';
    else if (StringIndexOf(text, '`') < 0 && StringIndexOf(text, '${') < 0) q = '`';
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = StringCharCodeAt(text, i);
    let esc: string | null = null;
    if (c < 0x20 || c === 0x7f) esc = control(c);
    else if (c === 0x5c) esc = '\\\\';
    else if (c === StringCharCodeAt(q, 0)) esc = `\\${q}`;
    if (esc !== null) {
      out += StringSlice(text, from, i) + esc;
      from = i + 1;
    }
  }
  out = q + out + StringSlice(text, from) + q;
  return rest > 0 ? `${out}... ${rest} more character${rest > 1 ? 's' : ''}` : out;
}

const HEX = '0123456789ABCDEF';

function control(c: number): string {
  switch (c) {
    case 8:
      return '\\b';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 12:
      return '\\f';
    case 13:
      return '\\r';
    default:
      return `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
  }
}

/** The tree as JSON, written by hand: `JSON.stringify` of an object would look up a `toJSON` the program may have put on `Object.prototype`. */
function treeJson(node: Node): string {
  let text = node.text;
  if (text.length > NODE_TEXT_MAX) text = StringSlice(text, 0, NODE_TEXT_MAX) + '…';
  let out = `{"t":${JSONStringify(node.type)},"x":${JSONStringify(text)}`;
  if (node.key !== null) out += `,"k":${JSONStringify(node.key)}`;
  if (node.children !== null) {
    out += `,"l":${JSONStringify(node.label)},"c":[`;
    for (let i = 0; i < node.children.length; i++) out += (i > 0 ? ',' : '') + treeJson(node.children[i]);
    out += ']';
    if (node.more > 0) out += `,"m":${node.more}`;
  }
  return out + '}';
}
