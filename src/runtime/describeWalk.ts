import type { PromiseDetails } from './intrinsics';
import {
  ArrayIsArray,
  ArrayPush,
  DateGetTime,
  DateToISOString,
  MapEntries,
  MapIteratorNext,
  MapSize,
  ObjectGetOwnPropertyDescriptor,
  ReflectOwnKeys,
  RegExpFlagGetters,
  RegExpSource,
  RegExpTest,
  SafeMap,
  SetIteratorNext,
  SetSize,
  SetValues,
  StringCtor,
  TypedArrayLength,
  TypedArrayTag,
  types,
} from './primordials';
import { DEPTH, KEYS, NODES, SHOWN } from './describeBounds';
import { leaf, primitiveType, writeNode, type Node } from './describeNode';
import {
  arrayBufferHead,
  boxedText,
  constructorName,
  enumerable,
  errorHead,
  functionHead,
  isData,
  isErrorLike,
  NONE,
  objectLabel,
  ownData,
} from './describeNames';
import { keyText, primitiveText } from './describeText';

/**
 * The walk over a value, one kind of value per method, within the bounds of `describeBounds.ts`.
 * `path` finds circular references; `budget` caps how many values are looked at.
 */

/** Node's views of a proxy's target and handler and of an array's named keys (a Map's entries need none). */
export interface Peek {
  proxyParts?: (value: object) => [unknown, unknown] | undefined;
  nonIndexKeys?: (value: object) => PropertyKey[];
}

/** Node's views, and its promise details to show a promise inside a value. */
export interface DescribeViews extends Peek {
  promise?: PromiseDetails | null;
}

export class Walk {
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
      writeNode(node, true);
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
    if (types.isAnyArrayBuffer(value)) return this.plain(node, value, depth, arrayBufferHead(value));
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
    writeNode(node, false);
  }

  private fn(node: Node, value: object, depth: number): void {
    node.type = 'function';
    const head = functionHead(value);
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
    writeNode(node, false);
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
    writeNode(node, false);
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
    writeNode(node, true);
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
    writeNode(node, true);
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
    writeNode(node, false);
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
    writeNode(node, false);
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
}

const FUNCTION_KEYS = ['name', 'length', 'prototype'] as const;
/** Shown in the error's head (`name` and `message`) or not at all (`stack`). */
const ERROR_KEYS = ['name', 'message', 'stack'] as const;

function includes(list: readonly string[], key: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === key) return true;
  return false;
}
