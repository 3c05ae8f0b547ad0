import type { ValueType } from '../wire/recording';
import { JSONStringify, RegExpTest, StringSlice } from './primordials';
import { NODE_TEXT_MAX, TEXT_MAX } from './describeBounds';

/**
 * The described value as a tree: one node per value looked at, its one-line text written from its
 * children (`writeNode`), and the compact JSON the recording carries (`treeJson`).
 */

/** The preview types (`src/wire/recording.ts`); `date`, `regexp`, `map` and `set` are told by their internal slots, never by text. */
export type PreviewType = ValueType;

/** One value of the tree; `children` only on values that hold others. */
export interface Node {
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

export function leaf(key: string | null, type: PreviewType, text: string): Node {
  return { key, type, label: '', text, children: null, more: 0, brackets: 1, ref: 0 };
}

export function primitiveType(value: unknown): PreviewType {
  if (value === null) return 'null';
  return typeof value as PreviewType;
}

/** The node's text from its label and children, stopped once it is longer than the whole text may be. */
export function writeNode(node: Node, array: boolean): void {
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

/** The tree as JSON, written by hand: `JSON.stringify` of an object would look up a `toJSON` the program may have put on `Object.prototype`. */
export function treeJson(node: Node): string {
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
