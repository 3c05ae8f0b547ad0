import { TEXT_MAX } from './describeBounds';
import { treeJson, type PreviewType } from './describeNode';
import { StringSlice } from './primordials';
import { Walk, type DescribeViews } from './describeWalk';

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
 * object, `STRING_MAX` characters of a string; the text stops growing at `TEXT_MAX` (`describeBounds.ts`).
 *
 * The walk is `describeWalk.ts`; what a value is called, `describeNames.ts`; the text of primitives
 * and keys, `describeText.ts`; the tree and its JSON, `describeNode.ts`.
 */

export { DEPTH, KEYS, NODE_TEXT_MAX, NODES, SHOWN, STRING_MAX, TEXT_MAX } from './describeBounds';
export type { PreviewType } from './describeNode';
export type { DescribeViews, Peek } from './describeWalk';
export { isErrorLike } from './describeNames';
export { primitiveText } from './describeText';

export interface Description {
  type: PreviewType;
  text: string;
  cut: boolean;
  /** The tree as JSON (see `ValueNode` in the model), or '' when the value holds nothing to unfold. */
  tree: string;
}

export function describe(value: unknown, views: DescribeViews = {}): Description {
  const walk = new Walk(views);
  const root = walk.node(value, null, 0);
  let text = root.text;
  const cut = text.length > TEXT_MAX;
  if (cut) text = StringSlice(text, 0, TEXT_MAX);
  return { type: root.type, text, cut, tree: root.children === null ? '' : treeJson(root) };
}
