import { ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, StringCtor, SymbolToString, types } from './primordials';

/**
 * `Name: message` of a thrown value without running user code: only own data properties are read,
 * walking the prototype chain by descriptors, so getters, proxies' traps and `toString` never run.
 */
export function errorText(value: unknown): string {
  try {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return primitiveText(value);
    const name = dataProperty(value, 'name');
    const message = dataProperty(value, 'message');
    const head = typeof name === 'string' && name ? name : 'Error';
    return typeof message === 'string' && message ? `${head}: ${message}` : head;
  } catch {
    return 'Error';
  }
}

function primitiveText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'symbol') return SymbolToString(value);
  return StringCtor(value);
}

function dataProperty(target: object, key: string): unknown {
  let current: object | null = target;
  for (let depth = 0; current !== null && depth < 32; depth++) {
    if (types.isProxy(current)) return undefined;
    const desc = ObjectGetOwnPropertyDescriptor(current, key);
    if (desc) return 'value' in desc ? desc.value : undefined;
    current = ObjectGetPrototypeOf(current) as object | null;
  }
  return undefined;
}
