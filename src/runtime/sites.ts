import {
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  SafeMap,
  StringCharCodeAt,
  StringIndexOf,
  StringSlice,
  TypedArraySet,
  Uint8ArrayCtor,
} from './primordials';
import { SITE_KINDS, SITES_BINDING, type Shift, type SiteDescription, type SitesApi } from '../wire/sites';

/**
 * Creation sites handed over by the loader's instrumented code (src/loader/sites.ts) instead of a
 * stack per promise. The instrumented text calls a helper with the receiver (or the awaited value) and
 * the site's id just before the call; the `init` hook takes the site only when nothing else can have
 * run in between: the receiver is a plain promise whose `then`, `constructor` and species are the
 * intrinsics (no program code runs inside the call before V8 makes the promise) and the new promise
 * derives from that receiver; an await's site goes to the very next promise (and to the one V8 makes
 * from the wrapper of a plain value). Any other promise clears the site and is located by its stack.
 */

/** Types shared with the loader. */
export type { Shift, SiteDescription, SitesApi } from '../wire/sites';

/** How every insertion that names a site starts (the helper's name and `(` follow). */
const HELPER_CALL = `${SITES_BINDING}.`;

const PromiseCtor = Promise;
const PromisePrototype = Promise.prototype;
const intrinsic = {
  then: PromisePrototype.then,
  catch: PromisePrototype.catch,
  finally: PromisePrototype.finally,
  species: ObjectGetOwnPropertyDescriptor(Promise, Symbol.species)?.get,
};

function dataIs(target: object, key: PropertyKey, value: unknown): boolean {
  const desc = ObjectGetOwnPropertyDescriptor(target, key);
  return desc !== undefined && desc.value === value;
}

/** `v.constructor` is the intrinsic Promise, read without running any of the program's code. */
function plainPromise(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    ObjectGetPrototypeOf(v) === PromisePrototype &&
    !ObjectHasOwn(v, 'constructor') &&
    dataIs(PromisePrototype, 'constructor', PromiseCtor)
  );
}

/** `.then` on `v` runs only V8's code until its promise is made: method, species and all. */
function plainThen(v: unknown): boolean {
  if (!plainPromise(v) || ObjectHasOwn(v as object, 'then') || !dataIs(PromisePrototype, 'then', intrinsic.then))
    return false;
  const species = ObjectGetOwnPropertyDescriptor(PromiseCtor, Symbol.species);
  return species !== undefined && species.get === intrinsic.species;
}

/**
 * The slots the instrumented code writes and the `init` hook reads. Its methods are the helpers the
 * instrumented text calls: each returns its first argument untouched.
 */
export class SiteState {
  /** The receiver of the then/catch/finally about to run, and its site (0: none). */
  r: unknown = undefined;
  s = 0;
  /** The `new Promise` about to run (0: none). */
  n0 = 0;
  /** The await about to run, and whether its value is wrapped first (a primitive). */
  w = 0;
  wrapped = false;
  /** After an await of a primitive: the wrapper's id, whose derived promise is the await's too. */
  carryId = 0;
  carrySite = 0;

  t(site: number, v: unknown): unknown {
    if (plainThen(v)) {
      this.r = v;
      this.s = site;
    }
    return v;
  }

  c(site: number, v: unknown): unknown {
    if (plainThen(v) && !ObjectHasOwn(v as object, 'catch') && dataIs(PromisePrototype, 'catch', intrinsic.catch)) {
      this.r = v;
      this.s = site;
    }
    return v;
  }

  f(site: number, v: unknown): unknown {
    if (
      plainThen(v) &&
      !ObjectHasOwn(v as object, 'finally') &&
      dataIs(PromisePrototype, 'finally', intrinsic.finally)
    ) {
      this.r = v;
      this.s = site;
    }
    return v;
  }

  /** `new Promise(...)` about to run, with the intrinsic Promise: its promise is the very next one, with no parent. */
  n(site: number, v: unknown): unknown {
    if (v === PromiseCtor) this.n0 = site;
    return v;
  }

  a(site: number, v: unknown): unknown {
    // A primitive is wrapped with no code of the program's; a thenable's `then` would run in between.
    const primitive = v === null || (typeof v !== 'object' && typeof v !== 'function');
    if (primitive || plainPromise(v)) {
      this.w = site;
      this.wrapped = primitive;
    }
    return v;
  }
}

export class SiteTable implements SitesApi {
  readonly state = new SiteState();
  /** How many promises took a site (the site test and the bench read it through the published table). */
  taken = 0;
  private next = 1;
  private kinds = new Uint8ArrayCtor(1 << 10);
  private readonly files: string[] = [];
  private readonly places: number[] = [];
  /** The location id of each site once interned (0 before). */
  private readonly locs: number[] = [];
  /** Per site, where its opening insertion starts in its file's rewritten text. */
  private readonly insertedAt: number[] = [];
  /** Per instrumented file, its insertions as [offset in the rewritten text, length] pairs. */
  private readonly inserted = new SafeMap<string, readonly number[]>();
  /** Per instrumented file, its moved lines (0-based) and their insertions. */
  readonly shifted = new SafeMap<string, SafeMap<number, Shift[]>>();

  /**
   * `used` runs once, when the loader gives the first file's sites: until then the `init` hook does not
   * look at the table at all.
   */
  constructor(
    private readonly intern: (file: string, line: number, column: number, position: number) => number,
    private used: (() => void) | null = null,
  ) {}

  readonly reserve = (count: number): number => {
    const base = this.next;
    this.next += count;
    return base;
  };

  readonly define = (
    file: string,
    base: number,
    sites: readonly SiteDescription[],
    shifts: readonly [number, Shift[]][],
    inserted: readonly number[],
  ): void => {
    this.inserted.set(file, inserted);
    if (this.used !== null) {
      this.used();
      this.used = null;
    }
    const lines = new SafeMap<number, Shift[]>();
    for (let i = 0; i < shifts.length; i++) lines.set(shifts[i][0], shifts[i][1]);
    this.shifted.set(file, lines);
    if (base + sites.length > this.kinds.length) {
      let size = this.kinds.length;
      while (size < base + sites.length) size *= 2;
      const grown = new Uint8ArrayCtor(size);
      TypedArraySet(grown, this.kinds);
      this.kinds = grown;
    }
    for (let i = 0; i < sites.length; i++) {
      const id = base + i;
      const site = sites[i];
      this.kinds[id] = site.kind;
      this.files[id] = file;
      this.places[id * 3] = site.line;
      this.places[id * 3 + 1] = site.column;
      this.places[id * 3 + 2] = site.position;
      this.insertedAt[id] = site.insertedAt;
      this.locs[id] = 0;
    }
  };

  /**
   * The site of the promise being made (`id`, from `parent`), or 0 when none is certain. Clears what it
   * read: a site serves one promise (two for a wrapped await).
   */
  take(parent: unknown, parentId: number, id: number): number {
    const st = this.state;
    let site = 0;
    if (st.s !== 0) {
      if (parent === st.r) site = st.s;
      st.s = 0;
      st.r = undefined;
    }
    if (st.n0 !== 0) {
      if (site === 0 && parentId === 0) site = st.n0;
      st.n0 = 0;
    }
    if (st.w !== 0) {
      st.carryId = 0;
      if (site === 0 && parentId !== 0) {
        site = st.w;
        if (st.wrapped) {
          st.carryId = id;
          st.carrySite = site;
        }
      }
      st.w = 0;
    } else if (st.carryId !== 0) {
      if (site === 0 && parentId === st.carryId) site = st.carrySite;
      st.carryId = 0;
    }
    if (site !== 0) this.taken++;
    return site;
  }

  /** Whether anything is waiting for the next promise (kept to a few field reads: it runs for every promise). */
  pending(): boolean {
    const st = this.state;
    return st.s !== 0 || st.w !== 0 || st.carryId !== 0 || st.n0 !== 0;
  }

  /** Forgets a site nobody took (a promise made where sites are not taken). */
  clear(): void {
    const st = this.state;
    st.s = 0;
    st.r = undefined;
    st.w = 0;
    st.carryId = 0;
    st.n0 = 0;
  }

  /**
   * The source text of a function whose text (`Function.prototype.toString`) holds insertions, or
   * null. Its first insertion names its site (`__pl$S.t(17,`), which says where in which file that
   * insertion is; the function's text starts as far before it, and every insertion inside goes.
   */
  originalText(text: string): string | null {
    const helper = StringIndexOf(text, HELPER_CALL);
    if (helper < 0) return null;
    let site = 0;
    let i = helper + HELPER_CALL.length + 2;
    for (; i < text.length; i++) {
      const digit = StringCharCodeAt(text, i) - 48;
      if (digit < 0 || digit > 9) break;
      site = site * 10 + digit;
    }
    const file = site > 0 && site < this.next ? this.files[site] : undefined;
    const inserted = file !== undefined ? this.inserted.get(file) : undefined;
    if (file === undefined || inserted === undefined) return null;
    const start = this.insertedAt[site] - helper;
    const end = start + text.length;
    let out = '';
    let from = start;
    for (let k = 0; k < inserted.length; k += 2) {
      const at = inserted[k];
      if (at + inserted[k + 1] <= start) continue;
      if (at >= end) break;
      out += StringSlice(text, from - start, at - start);
      from = at + inserted[k + 1];
    }
    return out + StringSlice(text, from - start);
  }

  kindOf(site: number): string {
    return SITE_KINDS[this.kinds[site]] ?? 'unknown';
  }

  locOf(site: number): number {
    let loc = this.locs[site];
    if (loc === 0) {
      loc = this.intern(this.files[site], this.places[site * 3], this.places[site * 3 + 1], this.places[site * 3 + 2]);
      this.locs[site] = loc;
    }
    return loc;
  }
}

/** The original 1-based column of an instrumented one on a moved line (inside an insertion: its place). */
export function originalColumn(shifts: readonly Shift[] | undefined, column: number): number {
  if (shifts === undefined) return column;
  const c = column - 1;
  let moved = 0;
  for (let i = 0; i < shifts.length; i++) {
    const at = shifts[i].column;
    if (c < at) break;
    if (c < at + shifts[i].length) return at - moved + 1;
    moved += shifts[i].length;
  }
  return c - moved + 1;
}
