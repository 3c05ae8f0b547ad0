/**
 * What the two emitters (`emitThen.ts`, `emitAsync.ts`) and the promise rules (`promisify.ts`) share while
 * one pyramid is rewritten: the source, the names taken, the edits made inside the copied code.
 */
import type { ModuleInfo } from './modules';
import type { Pyramid } from './pyramid';
import { applyEdits, reindent, type Edit } from './text';
import type { TS } from '../syntax/typescript';

export type Style = 'then' | 'async';

export interface Context {
  text: string;
  sf: TS.SourceFile;
  pyramid: Pyramid;
  modules: ModuleInfo;
  templates: Array<[number, number]>;
  unit: string;
  /** Every identifier in the file and every name this rewrite made: fresh names avoid all of them. */
  taken: Taken;
  needsUtil: boolean;
  canAddUtil: boolean;
  /** TypeScript: generated promises get type arguments. */
  typed: boolean;
  /** Keyword deletions that turn hoisted declarations into assignments. */
  edits: Edit[];
  /** Names declared above the chain, in the block around it. */
  declares: string[];
  /** Names other rewrites applied with this one declare in the same block: taken, as if declared there. */
  reserved: ReadonlySet<string>;
  style: Style;
}

/** The node's source with the rewrite's edits inside it applied (renamed variables). */
export function sourceOf(ctx: Context, node: TS.Node): string {
  const start = node.getStart(ctx.sf);
  const end = node.getEnd();
  const inside = ctx.edits
    .filter((e) => e.start >= start && e.end <= end)
    .map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return applyEdits(ctx.text.slice(start, end), inside);
}

export function segment(ctx: Context, start: number, end: number, indent: string, outdent?: number): string[] {
  if (end <= start) return [];
  return reindent(ctx.text, start, end, indent, ctx.templates, ctx.edits, outdent);
}

/** The file's names (shared by every plan of the file, never changed) and the ones this rewrite added. */
export class Taken {
  private readonly added = new Set<string>();
  constructor(private readonly file: ReadonlySet<string>) {}
  has(name: string): boolean {
    return this.file.has(name) || this.added.has(name);
  }
  add(name: string): void {
    this.added.add(name);
  }
}

export function fresh(ctx: Context, base: string): string {
  let name = base;
  for (let k = 2; ctx.taken.has(name); k++) name = `${base}${k}`;
  ctx.taken.add(name);
  return name;
}
