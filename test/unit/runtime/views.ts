import type { Peek } from '../../../src/runtime/describe';

/**
 * What Node's own views give the runtime under `--expose-internals`, written with public calls for
 * tests, which run without the flag.
 */
export const publicViews: Peek = {
  proxyParts: () => undefined,
  nonIndexKeys: (value) => Reflect.ownKeys(value).filter((key) => typeof key !== 'string' || !/^\d+$/.test(key)),
};
