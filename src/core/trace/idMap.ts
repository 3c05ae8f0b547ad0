/**
 * Lookups keyed by a trace's integer ids. The runtime numbers promises and jobs 1, 2, 3, … as it meets
 * them, so an array indexed by id is dense: a lookup is one index, where a `Map` of a million entries
 * (traces hold that many promises) costs several times the time and memory of the array. Any other key
 * (a hand-made or damaged trace may hold any number) goes to a `Map` beside it.
 */
export class IdMap<V> {
  private readonly slots: (V | undefined)[] = [];
  private readonly others = new Map<number, V>();

  get(id: number | null | undefined): V | undefined {
    if (id === null || id === undefined) return undefined;
    return isSlot(id) ? this.slots[id] : this.others.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** `value` is never undefined: an entry is there exactly when `get` finds it. */
  set(id: number, value: V): this {
    if (isSlot(id)) this.slots[id] = value;
    else this.others.set(id, value);
    return this;
  }

  delete(id: number): boolean {
    if (!isSlot(id)) return this.others.delete(id);
    const had = this.slots[id] !== undefined;
    this.slots[id] = undefined;
    return had;
  }

  /** The entries in the order of their ids (not of their setting, as a `Map`'s would be). */
  *entries(): IterableIterator<[number, V]> {
    const others = [...this.others].sort((a, b) => a[0] - b[0]);
    let k = 0;
    for (let id = 0; id < this.slots.length; id++) {
      const value = this.slots[id];
      if (value === undefined) continue;
      while (k < others.length && others[k][0] < id) yield others[k++];
      yield [id, value];
    }
    while (k < others.length) yield others[k++];
  }

  /** The values in the order of their ids, as a list. */
  list(): V[] {
    if (this.others.size > 0) return [...this.entries()].map((entry) => entry[1]);
    const list: V[] = [];
    for (const value of this.slots) if (value !== undefined) list.push(value);
    return list;
  }
}

/** Ids the runtime gives: small whole numbers. Past a few million the array would be mostly holes. */
const MAX_SLOT = 1 << 26;

function isSlot(id: number): boolean {
  return id >= 0 && id < MAX_SLOT && (id | 0) === id;
}

/** `items` by their `id`. */
export function byId<T extends { id: number }>(items: Iterable<T>): IdMap<T> {
  const map = new IdMap<T>();
  for (const item of items) map.set(item.id, item);
  return map;
}
