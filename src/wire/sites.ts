/**
 * What the loader's instrumented files (src/loader/sites.ts) and the runtime's site table
 * (src/runtime/sites.ts) share: the site kinds and the table's shape. The table sits on Node's `v8`
 * module object under `Symbol.for(SITES_KEY)` (src/wire/recording.ts).
 */

/** A site's kind, as the instrumented text gives it. */
export const SITE_KINDS = ['unknown', 'then', 'catch', 'finally', 'await', 'new'] as const;
export const SiteKind = { then: 1, catch: 2, finally: 3, await: 4, new: 5 } as const;
/** The module-local binding the instrumented text reads the helpers through. */
export const SITES_BINDING = '__pl$S';
export type SiteKindCode = (typeof SiteKind)[keyof typeof SiteKind];

/** One insertion on a line of an instrumented file: where it starts in the instrumented line (0-based), its length. */
export interface Shift {
  column: number;
  length: number;
}

export interface SiteDescription {
  kind: SiteKindCode;
  /** Where the site's opening insertion starts in the rewritten text. */
  insertedAt: number;
  /** 1-based line and column of the place V8 names for the promise, in the source. */
  line: number;
  column: number;
  /** That place's offset in the instrumented text (V8's `getPosition()` there). */
  position: number;
}

/** The helpers the instrumented text calls: each returns the value it is given, untouched. */
export interface SiteHelpers {
  t(site: number, v: unknown): unknown;
  c(site: number, v: unknown): unknown;
  f(site: number, v: unknown): unknown;
  a(site: number, v: unknown): unknown;
  n(site: number, v: unknown): unknown;
}

/** What the loader finds under SITES_KEY. */
export interface SitesApi {
  readonly state: SiteHelpers;
  /** Ids for `count` sites of one file, the first returned, the rest following. */
  reserve(count: number): number;
  /**
   * The file's sites from `base` on, its moved lines (0-based) with their insertions, and all its
   * insertions as [offset in the rewritten text, length] pairs, in order.
   */
  define(
    file: string,
    base: number,
    sites: readonly SiteDescription[],
    shifts: readonly [number, Shift[]][],
    inserted: readonly number[],
  ): void;
}
