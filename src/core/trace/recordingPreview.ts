import type { ValueNode, ValuePreview, ValueType } from './model';
import { VALUE_TYPES } from './model';

/**
 * A settled value's preview as the runtime encoded it in the string table (`src/runtime/describe.ts`),
 * checked field by field: the recording comes from another process and may be damaged.
 */

const PREVIEW_TYPES: ReadonlySet<string> = new Set(VALUE_TYPES);

/** `type \u0001 text \u0001 cut`, then `\u0001 tree` (compact JSON, see `readTree`) when there is one. */
export function decodePreview(encoded: string): ValuePreview | null {
  const [type, text, cut, tree] = encoded.split('\u0001');
  if (text === undefined || !PREVIEW_TYPES.has(type)) return null;
  const preview: ValuePreview = { type: type as ValueType, text };
  if (cut === '1') preview.truncated = true;
  if (tree !== undefined) {
    try {
      const node = readTree(JSON.parse(tree));
      if (node) preview.tree = node;
    } catch {
      // A tree that does not parse is left out; the text stays.
    }
  }
  return preview;
}

/** The runtime's compact node `{ t, x, k?, l?, c?, m? }` as a `ValueNode`, checked field by field. */
function readTree(raw: unknown): ValueNode | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.t !== 'string' || typeof r.x !== 'string') return null;
  const node: ValueNode = { type: PREVIEW_TYPES.has(r.t) ? (r.t as ValueType) : 'object', text: r.x };
  if (typeof r.k === 'string') node.key = r.k;
  if (typeof r.l === 'string') node.label = r.l;
  if (Array.isArray(r.c)) {
    node.children = [];
    for (const c of r.c) {
      const child = readTree(c);
      if (child) node.children.push(child);
    }
  }
  if (typeof r.m === 'number' && r.m > 0) node.more = r.m;
  return node;
}
